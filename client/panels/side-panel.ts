import type { OfferModel } from '../presenters/inbox.js';
import type { AppApi } from '../app-api.js';
import { h, keyed, setText, showError } from '../dom.js';
import type { AppState } from '../store.js';
import { ComposerPanel } from './composer-panel.js';
import { InboxPanel } from './inbox-panel.js';
import { LeversPanel } from './levers-panel.js';
import { TalksPanel } from './talks-panel.js';

type Tab = 'table' | 'offer' | 'inbox' | 'talks' | 'levers' | 'log';
const LABELS: Record<Tab, string> = {
  table: 'Table',
  offer: 'Offer',
  inbox: 'Inbox',
  talks: 'Talks',
  levers: 'Levers',
  log: 'Log',
};

/**
 * The text-heavy side of the table screen, as keyboard-operable tabs. On narrow screens (phones) the
 * table picture gets a tab of its own, "Table", first in the row (docs/client.md).
 */
export class SidePanel {
  readonly el: HTMLElement;
  private tabs = new Map<Tab, HTMLButtonElement>();
  private panes = new Map<Tab, HTMLElement>();
  private composer: ComposerPanel;
  private inbox: InboxPanel;
  private talks: TalksPanel;
  private levers: LeversPanel;
  private log = h('ol', { class: 'timeline', 'data-testid': 'log' });
  private current: Tab = 'talks';
  private last: AppState | null = null;
  private narrow = false;
  /** Where the table picture goes on narrow screens. */
  readonly picturePane = h('div', { class: 'picture-pane' });
  private phaseKey = '';

  constructor(app: AppApi) {
    this.composer = new ComposerPanel(app);
    this.inbox = new InboxPanel(app, (o: OfferModel) => {
      this.composer.startCounter(o);
      this.select('offer');
    });
    this.talks = new TalksPanel(app, () => this.badges());
    this.levers = new LeversPanel(app);
    const tablist = h('div', {
      class: 'tabs',
      role: 'tablist',
      'aria-label': 'Negotiation panels',
      onkeydown: (e: Event) => this.keys(e as KeyboardEvent),
    });
    const body = h('div', { class: 'panes' });
    const content: Record<Tab, HTMLElement> = {
      table: this.picturePane,
      offer: this.composer.el,
      inbox: this.inbox.el,
      talks: this.talks.el,
      levers: this.levers.el,
      log: h('section', { 'aria-labelledby': 'log-h' }, h('h2', { id: 'log-h' }, 'What happened'), this.log),
    };
    for (const t of Object.keys(LABELS) as Tab[]) {
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${t}`,
          'data-testid': `tab-${t}`,
          'aria-controls': `pane-${t}`,
          onclick: () => this.select(t),
        },
        h('span', {}, LABELS[t]),
        h('span', { class: 'badge', hidden: true }),
      );
      const pane = h(
        'div',
        { role: 'tabpanel', id: `pane-${t}`, 'aria-labelledby': `tab-${t}`, tabindex: 0 },
        content[t],
      );
      this.tabs.set(t, tab);
      this.panes.set(t, pane);
      tablist.append(tab);
      body.append(pane);
    }
    this.el = h('aside', { class: 'side', 'data-testid': 'side-panel', 'aria-label': 'Negotiation' }, tablist, body);
    this.tabs.get('table')!.hidden = true;
    this.select('talks', false);
  }

  /** Narrow screens show the picture as the first tab (and open on it); wide screens show it beside the panel. */
  setNarrow(narrow: boolean): void {
    if (narrow === this.narrow) return;
    this.narrow = narrow;
    this.tabs.get('table')!.hidden = !narrow;
    if (narrow) this.select('table', false);
    else if (this.current === 'table') this.select('talks', false);
  }

  select(t: Tab, focus = true): void {
    this.current = t;
    for (const [k, tab] of this.tabs) {
      tab.setAttribute('aria-selected', String(k === t));
      tab.tabIndex = k === t ? 0 : -1;
      this.panes.get(k)!.hidden = k !== t;
    }
    this.talks.visible = t === 'talks';
    if (this.last) this.render(this.last);
    if (focus) this.tabs.get(t)!.focus();
  }

  private keys(e: KeyboardEvent): void {
    const visible = [...this.tabs].filter(([, b]) => !b.hidden).map(([t]) => t);
    const focused = [...this.tabs].find(([, b]) => b === document.activeElement)?.[0] ?? this.current;
    const i = visible.indexOf(focused);
    const next =
      e.key === 'ArrowRight'
        ? visible[(i + 1) % visible.length]
        : e.key === 'ArrowLeft'
          ? visible[(i - 1 + visible.length) % visible.length]
          : e.key === 'Home'
            ? visible[0]
            : e.key === 'End'
              ? visible.at(-1)
              : null;
    if (!next) return;
    e.preventDefault();
    this.select(next);
  }

  render(st: AppState): void {
    this.last = st;
    const { view: v, scenario: s } = st;
    if (!v || !s) return;
    // A refusal is about the phase it happened in: the next phase clears every one (offers, chat, levers).
    const phaseKey = `${v.round}:${v.phase}`;
    if (phaseKey !== this.phaseKey) for (const e of this.el.querySelectorAll<HTMLElement>('.error')) showError(e, null);
    this.phaseKey = phaseKey;
    const role = !!v.me;
    for (const t of ['offer', 'inbox', 'levers'] as Tab[]) this.tabs.get(t)!.hidden = !role;
    if (!role && (this.current === 'offer' || this.current === 'inbox' || this.current === 'levers'))
      this.select('talks', false);
    if (role) {
      this.composer.render(s, v);
      this.inbox.render(s, v);
      this.levers.render(s, v);
    }
    this.talks.render(s, v);
    const entries = [...v.timeline]
      .reverse()
      .slice(0, 200)
      .map((t, i, all) => ({ k: String(all.length - i + (v.timeline.length - all.length)), t }));
    keyed(
      this.log,
      entries,
      (e) => e.k,
      (e) => h('li', {}, h('span', { class: 'hint' }, `R${e.t.round} ${e.t.phase} · `), e.t.text),
      () => undefined,
    );
    this.badges();
  }

  private badges(): void {
    const set = (t: Tab, n: number, what: string) => {
      const tab = this.tabs.get(t)!;
      const b = tab.querySelector<HTMLElement>('.badge')!;
      b.hidden = n === 0;
      setText(b, String(n));
      tab.setAttribute('aria-label', n ? `${LABELS[t]}, ${n} ${what}` : LABELS[t]);
    };
    set('inbox', this.inbox.waiting, 'waiting for your answer');
    set('talks', this.talks.unread, 'unread');
  }
}
