import type { View } from '../shared/engine/view.js';
import type { AppApi, Screen } from './app-api.js';
import { h, setText } from './dom.js';
import { api } from './net/api.js';
import { Connection } from './net/connection.js';
import { BriefingPanel } from './panels/briefing-panel.js';
import { EndPanel } from './panels/end-panel.js';
import { RulesPanel } from './panels/rules-panel.js';
import { StartPanel } from './panels/start-panel.js';
import { TableScreen } from './panels/table-screen.js';
import { newFacilitatorLines } from './presenters/broadcasts.js';
import { newsCard } from './presenters/news.js';
import { playerId, session } from './session.js';
import { Store } from './store.js';

/** How long "Returning to table" may show before the page offers a reload, ms. */
const RESUME_PATIENCE_MS = 12_000;

/** The app shell: one connection, one store, and the screen on show. */
export class App implements AppApi {
  readonly store = new Store();
  readonly conn = new Connection();
  private screen: Screen = 'start';
  private live = h('div', { class: 'sr-only', 'aria-live': 'polite', 'data-testid': 'announcer' });
  private alert = h('div', { class: 'toast', role: 'alert', 'data-testid': 'global-error', hidden: true });
  private main = h('main', { id: 'main' });
  private briefing = new BriefingPanel(this);
  private end = new EndPanel(this);
  private table = new TableScreen(this);
  private rules = new RulesPanel();
  private endShown = false;

  constructor(root: HTMLElement) {
    root.append(this.rules.button, this.main, this.alert, this.live, this.rules.dialog);
    this.conn.onWelcome((w) => this.store.set({ welcome: w, scenario: w.scenario }));
    this.conn.onView((v) => this.onView(v));
    this.conn.onTable((t) => this.store.set({ table: t, selfStart: t.selfStart }));
    this.conn.onStatus((s) => {
      this.store.set({ status: s });
      if (s === 'reconnecting') this.announce('Connection lost. Reconnecting…');
      if (s === 'connected' && this.screen !== 'start') this.announce('Connected again.');
    });
    this.conn.onError((e) => this.toast(e.message));
    this.conn.onMoved((m) => void this.moved(m));
    this.store.subscribe(() => this.render());
    setInterval(() => this.table.status.tick(), 500);
  }

  /** On page load: go back to the remembered seat, or show the start screen. */
  async start(): Promise<void> {
    const saved = session.load();
    if (!saved) return this.show('start');
    const resuming = h(
      'p',
      { class: 'screen loading', role: 'status', 'data-testid': 'resuming' },
      `Returning to table ${saved.code}…`,
    );
    this.mount(resuming);
    // Never a spinner without an exit: after a while, say so and offer the one thing that always helps.
    setTimeout(() => {
      if (!resuming.isConnected) return;
      resuming.append(
        h('br'),
        'This is taking longer than it should. ',
        h('button', { type: 'button', 'data-testid': 'resume-reload', onclick: () => location.reload() }, 'Reload'),
      );
    }, RESUME_PATIENCE_MS);
    try {
      const t = await api.table(saved.code);
      await this.enterTable({ ...saved, roomId: t.roomId, selfStart: t.selfStart }, !saved.fresh);
    } catch (e) {
      session.clear();
      this.showStart(`Could not return to table ${saved.code}: ${(e as Error).message}`);
    }
  }

  async enterTable(
    o: { code: string; roomId: string; role: string; name: string; facilitatorKey?: string; selfStart: boolean },
    resumed = false,
  ): Promise<void> {
    // The screens need both the welcome (the scenario) and the first view, in whichever order they come.
    const welcomed = new Promise<void>((resolve) => {
      let view = false;
      let welcome = false;
      const done = () => view && welcome && (offView(), offWelcome(), resolve());
      const offView = this.conn.onView(() => ((view = true), done()));
      const offWelcome = this.conn.onWelcome(() => ((welcome = true), done()));
    });
    await this.conn.join(o.roomId, {
      code: o.code,
      role: o.role,
      name: o.name,
      playerId: playerId(),
      facilitatorKey: o.facilitatorKey,
    });
    session.save({ code: o.code, role: o.role, name: o.name, facilitatorKey: o.facilitatorKey });
    session.rememberName(o.name);
    this.store.set({ selfStart: o.selfStart });
    await welcomed;
    const v = this.store.state.view;
    this.endShown = v?.phase === 'ended';
    this.show(v?.phase === 'ended' ? 'end' : v?.me && !resumed ? 'briefing' : 'table');
  }

  /** The instructor moved this player: go to the new seat, on its briefing. */
  private async moved(m: { code: string; roomId: string; role: string; message: string }): Promise<void> {
    const name = session.load()?.name ?? session.lastName();
    this.toast(m.message);
    this.announce(m.message);
    try {
      const t = await api.table(m.code);
      await this.enterTable({ code: m.code, roomId: m.roomId, role: m.role, name, selfStart: t.selfStart });
    } catch (e) {
      session.clear();
      this.showStart(`${m.message} Joining it failed: ${(e as Error).message}`);
    }
  }

  async leave(): Promise<void> {
    session.clear();
    await this.conn.leave();
    this.store.set({ welcome: null, view: null, previous: null, table: null, scenario: null });
    this.showStart('');
  }

  show(screen: Screen): void {
    this.screen = screen;
    const st = this.store.state;
    if (screen === 'start') return this.showStart('');
    if (screen === 'briefing' && st.scenario) {
      this.briefing.render(st.scenario, st.view?.me ?? null, st.view?.round ?? 1);
      this.mount(this.briefing.el);
    }
    if (screen === 'table') {
      this.mount(this.table.el);
      void this.table.boot();
      this.table.render(st);
    }
    if (screen === 'end') {
      this.end.render(st);
      this.mount(this.end.el);
    }
    // The table screen has its own Rules button in its header, where it takes no extra row.
    this.rules.button.hidden = screen === 'table';
    this.focusTop();
    document.title = `${{ start: 'Start', briefing: 'Briefing', table: 'Table', end: 'Results' }[screen]} · The Negotiation Table`;
  }

  openRules(): void {
    this.rules.open();
  }

  /** After a screen change: the page at its top, focus on the screen's heading (not the body). */
  private focusTop(): void {
    window.scrollTo(0, 0);
    for (const el of [document.scrollingElement, this.main, this.main.firstElementChild]) if (el) el.scrollTop = 0;
    const target = this.main.querySelector<HTMLElement>('h1, h2');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus({ preventScroll: true });
  }

  announce(text: string): void {
    setText(this.live, '');
    requestAnimationFrame(() => setText(this.live, text));
  }

  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  private toast(message: string): void {
    this.alert.hidden = false;
    setText(this.alert, message);
    // Each message gets its full time: an earlier one's timer does not hide a later one.
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.alert.hidden = true), 8000);
  }

  private showStart(notice: string): void {
    this.screen = 'start';
    this.mount(new StartPanel(this, notice).el);
    this.rules.button.hidden = false;
    this.focusTop();
    document.title = 'The Negotiation Table';
  }

  private mount(el: HTMLElement): void {
    if (this.main.firstElementChild === el && this.main.childElementCount === 1) return;
    this.main.replaceChildren(el);
  }

  private onView(v: View): void {
    const prev = this.store.state.view;
    const s = this.store.state.scenario;
    if (s && prev) {
      const n = newsCard(s, v);
      if (n && n.key !== newsCard(s, prev)?.key) this.announce(`News: ${n.title}. ${n.text}`);
      if (v.turn && v.turn === v.seat && prev.turn !== v.seat) {
        this.announce('It is your turn to make a formal move.');
        if (this.screen === 'table') this.table.turnCame();
      }
      if (v.round !== prev.round && v.round > 0) this.announce(`Round ${v.round} begins.`);
    }
    for (const text of newFacilitatorLines(prev, v)) this.toast(`Facilitator: ${text}`);
    // Gauges show the last change, so keep the last view whose meters differ.
    const moved = prev && JSON.stringify(prev.meters) !== JSON.stringify(v.meters);
    this.store.set({ view: v, previous: moved ? prev : this.store.state.previous });
    if (v.phase === 'ended' && !this.endShown) {
      this.endShown = true;
      this.announce('The talks are over.');
      this.show('end');
    }
  }

  private render(): void {
    const st = this.store.state;
    if (this.screen === 'table') this.table.render(st);
    else if (this.screen === 'end') this.end.render(st);
  }
}
