import { MomentWatch } from '../presenters/refusals.js';
import { readyNow, refusal } from '../../shared/engine/index.js';
import type { AppApi } from '../app-api.js';
import { h, enable, errorSlot, setText, showError } from '../dom.js';
import { actionsModel } from '../presenters/actions.js';
import { signConfirmText } from '../presenters/hints.js';
import { awayRecap } from '../presenters/away.js';
import { PHASE_HINTS, roleName } from '../presenters/labels.js';
import { clockModel } from '../presenters/timer.js';
import type { AppState } from '../store.js';

const STATUS_TEXT: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Connection lost: reconnecting…',
  lost: 'Connection lost: no seat to return to',
  left: 'You left the table',
};

/** The header: who you are, round, phase, timer, whose turn, and the moves that need no form. */
export class StatusBar {
  readonly el: HTMLElement;
  private seat = h('span', { class: 'chip seat', 'data-testid': 'my-seat' });
  private round = h('span', { 'data-testid': 'round' });
  private phase = h('span', { class: 'phase', 'data-testid': 'phase' });
  private timer = h('span', { class: 'timer', 'data-testid': 'timer', 'aria-label': 'Time left' });
  private turn = h('span', { class: 'turn', 'data-testid': 'turn' });
  private conn = h('span', { class: 'conn', 'data-testid': 'connection', role: 'status' });
  private retry = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'retry',
      hidden: true,
      onclick: () => this.app.conn.retryNow(),
    },
    'Try now',
  );
  /** Why live connections fail (a blocked WebSocket), in words. */
  private problem = h('p', { class: 'error net-problem', role: 'alert', 'data-testid': 'net-problem', hidden: true });
  /** What a stand-in bot (or a teammate) did for this seat while its player was away. */
  private recap = h('div', { class: 'notice away-recap', role: 'status', 'data-testid': 'away-recap', hidden: true });
  private awaySince = 0;
  private staleView: AppState['view'] = null;
  private hint = h('p', { class: 'phase-hint', 'data-testid': 'phase-hint' });
  private ready = h(
    'button',
    { type: 'button', 'data-testid': 'ready', onclick: () => void this.run('ready') },
    'Ready',
  );
  private pass = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'pass', onclick: () => void this.run('pass') },
    'Pass',
  );
  private sign = h(
    'button',
    { type: 'button', 'data-testid': 'sign', onclick: () => void this.run('sign') },
    'Sign the framework',
  );
  private readyNote = h('span', { class: 'hint', 'data-testid': 'ready-note' });
  private error = errorSlot('action-error');
  private brief = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'open-brief', onclick: () => this.app.show('briefing') },
    'Brief',
  );
  private results = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'open-results',
      hidden: true,
      onclick: () => this.app.show('end'),
    },
    'Results',
  );
  private lastState: AppState | null = null;
  private moment = new MomentWatch();

  constructor(private app: AppApi) {
    this.el = h(
      'header',
      { class: 'status-bar', 'data-testid': 'status-bar' },
      h(
        'div',
        { class: 'row' },
        this.seat,
        h('span', { class: 'clock' }, this.round, ' · ', this.phase, ' ', this.timer),
        this.turn,
        h('span', { class: 'spacer' }),
        this.conn,
        this.retry,
        this.brief,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'data-testid': 'table-rules',
            'aria-haspopup': 'dialog',
            onclick: () => this.app.openRules(),
          },
          'Rules',
        ),
        this.results,
        h(
          'button',
          { type: 'button', class: 'secondary', 'data-testid': 'leave', onclick: () => void this.leave() },
          'Leave',
        ),
      ),
      h(
        'div',
        { class: 'row actions' },
        this.hint,
        h('span', { class: 'spacer' }),
        this.readyNote,
        this.ready,
        this.pass,
        this.sign,
      ),
      this.error,
      this.problem,
      this.recap,
    );
    app.conn.onProblem((m) => {
      this.problem.hidden = !m;
      setText(this.problem, m ?? '');
    });
    app.conn.onReturn(({ since }) => {
      this.awaySince = since;
      this.staleView = this.app.store.state.view;
    });
  }

  /** After a return: list the moves made in our name since the link dropped (once the new view is in). */
  private showRecap(st: AppState): void {
    if (!this.awaySince || st.status !== 'connected' || !st.view || st.view === this.staleView) return;
    const r = awayRecap(st.view, this.awaySince, this.staleView);
    this.awaySince = 0;
    if (!r) return;
    const close = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-testid': 'away-recap-close',
        onclick: () => (this.recap.hidden = true),
      },
      'OK',
    );
    this.recap.replaceChildren(
      close,
      h('strong', {}, r.title),
      h(
        'ul',
        {},
        r.lines.map((l) => h('li', {}, l)),
      ),
    );
    this.recap.hidden = false;
  }

  private async leave(): Promise<void> {
    if (!confirm('Leave this table? Your seat stays yours: open the same code again to come back.')) return;
    await this.app.leave();
  }

  private async run(type: 'ready' | 'pass' | 'sign'): Promise<void> {
    const { view, scenario } = this.app.store.state;
    if (type === 'sign' && view && scenario) {
      // The engine's own answer first: a sign it would refuse is explained here, without asking to confirm.
      const why = refusal(view, scenario, { type: 'sign' });
      if (why) return showError(this.error, why.message);
      if (!confirm(signConfirmText(scenario, view))) return;
    }
    showError(this.error, null);
    // A Ready names the phase it was pressed in, so a late or double click is not counted for the next phase.
    const r = await this.app.conn.act(type === 'ready' && view ? readyNow(view) : { type });
    // A stale Ready needs no words: the screen already shows the phase that followed.
    if (!r.ok && r.code !== 'ready/stale') showError(this.error, r.message);
  }

  /** Redraws everything; the timer also redraws every second through tick(). */
  render(st: AppState): void {
    this.lastState = st;
    const { view: v, scenario: s, welcome: w } = st;
    const said = STATUS_TEXT[st.status] ?? st.status;
    setText(this.conn, said);
    // On a phone "Connected" is drawn as a dot: its title says it to a finger or a pointer.
    this.conn.title = said;
    this.conn.className = `conn ${st.status}`;
    this.retry.hidden = st.status !== 'lost' && st.status !== 'reconnecting';
    this.showRecap(st);
    if (!v || !s || !w) return;
    const role = s.roles.find((r) => r.id === v.seat);
    const who = `${roleName(s, v.seat)} · ${w.name}`;
    setText(this.seat, who);
    // A phone may cut a long name short (CSS): the whole of it is the title.
    this.seat.title = who;
    this.seat.style.setProperty('--role', role?.color ?? '#666');
    this.tick();
    setText(this.hint, PHASE_HINTS[v.phase]);
    // A refusal is about the moment it happened: clear it once the phase or the turn moves on or the link is back.
    if (this.moment.over(v, st.status)) showError(this.error, null);
    const a = actionsModel(s, v);
    this.brief.hidden = !a.isRole;
    this.results.hidden = v.phase !== 'ended';
    this.ready.hidden = !a.showReady;
    setText(this.ready, a.isReady ? 'Ready ✓' : a.readyLabel);
    enable(this.ready, a.canReady, a.isReady ? 'You are ready; waiting for the others.' : '');
    const waiting = s.roles.filter((r) => !v.ready.includes(r.id)).map((r) => r.short);
    setText(
      this.readyNote,
      a.isRole && !this.ready.hidden && v.ready.length ? `Waiting for: ${waiting.join(', ') || 'nobody'}` : '',
    );
    this.pass.hidden = !a.isRole || v.phase !== 'moves';
    // Signing is not a formal move (docs/rules.md): offered in every live phase; the engine says why if the text is not complete.
    const signed = v.signatures.includes(v.seat);
    this.sign.hidden = !a.isRole || v.phase === 'setup' || v.phase === 'ended';
    const notTurn = 'Formal moves are made in your turn.';
    enable(this.pass, a.myTurn, notTurn);
    // Pressable until signed, so a student who presses too early is told why (run); the reason is also its tooltip.
    enable(this.sign, !signed && !v.paused, signed ? 'Your delegation has signed.' : 'The table is paused.');
    this.sign.title = a.canSign ? '' : a.signRefusal;
    // Drawn as the main button only once the engine would take the signature; before, it only explains why not.
    this.sign.classList.toggle('secondary', !a.canSign);
    setText(
      this.sign,
      v.signatures.length
        ? `Sign the framework (${v.signatures.length} of ${s.roles.length} signed)`
        : 'Sign the framework',
    );
  }

  /** Timer and turn text (called every second). */
  tick(): void {
    const st = this.lastState;
    if (!st?.view || !st.scenario) return;
    const c = clockModel(st.scenario, st.view, this.app.conn.serverNow());
    setText(this.round, c.round);
    setText(this.phase, c.phase);
    setText(this.timer, c.timer);
    this.timer.classList.toggle('urgent', c.urgent);
    setText(this.turn, c.turn);
    this.turn.classList.toggle('mine', c.myTurn);
  }
}
