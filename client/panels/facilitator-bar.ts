import type { ActionMessage } from '../../shared/protocol.js';
import type { AppApi } from '../app-api.js';
import { h, enable, errorSlot, fill, keyed, setText, showError } from '../dom.js';
import { actionsModel } from '../presenters/actions.js';
import { botControls, botNoteLine, type BotControl } from '../presenters/bots.js';
import type { AppState } from '../store.js';

/** Start, pause, resume, advance and end, and a bot switch per delegation, for the facilitator's seat. */
export class FacilitatorBar {
  readonly el: HTMLElement;
  private buttons: Record<'start' | 'pause' | 'resume' | 'advance' | 'end', HTMLButtonElement>;
  private code = h('span', { class: 'hint', 'data-testid': 'facilitator-code' });
  private error = errorSlot('facilitator-error');
  /** The latest bot move and its private reasoning (only the facilitator receives it). */
  private note = h('p', { class: 'hint bot-note', 'data-testid': 'fac-bot-note', role: 'status', hidden: true });
  private bots = h('span', {
    class: 'bot-switches',
    role: 'group',
    'aria-label': 'Bots in the delegations’ seats',
    'data-testid': 'fac-bots',
  });

  constructor(private app: AppApi) {
    const b = (type: 'start' | 'pause' | 'resume' | 'advance' | 'end', label: string, cls = '') =>
      h(
        'button',
        { type: 'button', class: cls, 'data-testid': `fac-${type}`, onclick: () => void this.run(type) },
        label,
      );
    this.buttons = {
      start: b('start', 'Start the talks'),
      pause: b('pause', 'Pause', 'secondary'),
      resume: b('resume', 'Resume'),
      advance: b('advance', 'Next phase', 'secondary'),
      end: b('end', 'End the talks', 'danger'),
    };
    this.el = h(
      'div',
      {
        class: 'facilitator-bar',
        role: 'toolbar',
        'aria-label': 'Facilitator controls',
        'data-testid': 'facilitator-bar',
        hidden: true,
      },
      h('strong', {}, 'Facilitator'),
      this.code,
      ...Object.values(this.buttons),
      this.bots,
      this.error,
      this.note,
    );
    app.conn.onBotNote((n) => {
      const line = botNoteLine(app.store.state.scenario, n);
      fill(this.note, line.summary, ' ', h('small', { class: 'reasoning' }, `(${line.reasoning})`));
      this.note.hidden = false;
    });
  }

  private async toggleBot(role: string, on: boolean): Promise<void> {
    showError(this.error, null);
    const r = await this.app.conn.setBot(role, on);
    if (!r.ok) showError(this.error, r.message);
  }

  private botButton(c: BotControl): HTMLElement {
    const el = h('button', { type: 'button', class: 'secondary', 'data-testid': `fac-bot-${c.role}` });
    el.addEventListener('click', () => void this.toggleBot(c.role, el.dataset.next === 'true'));
    return el;
  }

  private async run(type: 'start' | 'pause' | 'resume' | 'advance' | 'end'): Promise<void> {
    if (type === 'end' && !confirm('End the talks now for every delegation? This cannot be undone.')) return;
    showError(this.error, null);
    const r = await this.app.conn.act({ type } as ActionMessage);
    if (!r.ok) showError(this.error, r.message);
  }

  render(st: AppState): void {
    const v = st.view;
    this.el.hidden = v?.seat !== 'facilitator';
    if (!v || this.el.hidden) return;
    setText(this.code, `Table code ${st.welcome?.code ?? ''}`);
    if (!st.scenario) return;
    const a = actionsModel(st.scenario, v);
    enable(this.buttons.start, a.canStart);
    enable(this.buttons.pause, a.canPause);
    enable(this.buttons.resume, a.canResume);
    enable(this.buttons.advance, a.canAdvance);
    enable(this.buttons.end, a.canEnd);
    this.buttons.start.hidden = v.phase !== 'setup';
    const s = st.scenario;
    keyed(
      this.bots,
      s ? botControls(s, st.table, v.phase) : [],
      (c) => c.role,
      (c) => this.botButton(c),
      (el, c) => {
        el.dataset.next = String(c.next);
        el.setAttribute('aria-pressed', String(c.bot));
        setText(el, c.label);
        enable(el as HTMLButtonElement, c.enabled, c.reason);
      },
    );
  }
}
