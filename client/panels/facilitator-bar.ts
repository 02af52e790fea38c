import type { ActionMessage } from '../../shared/protocol.js';
import type { AppApi } from '../app-api.js';
import { h, enable, errorSlot, setText, showError } from '../dom.js';
import { actionsModel } from '../presenters/actions.js';
import type { AppState } from '../store.js';

/** Start, pause, resume, advance and end, for the facilitator's seat. */
export class FacilitatorBar {
  readonly el: HTMLElement;
  private buttons: Record<'start' | 'pause' | 'resume' | 'advance' | 'end', HTMLButtonElement>;
  private code = h('span', { class: 'hint', 'data-testid': 'facilitator-code' });
  private error = errorSlot('facilitator-error');

  constructor(private app: AppApi) {
    const b = (type: 'start' | 'pause' | 'resume' | 'advance' | 'end', label: string, cls = '') =>
      h('button', { type: 'button', class: cls, 'data-testid': `fac-${type}`, onclick: () => void this.run(type) }, label);
    this.buttons = {
      start: b('start', 'Start the talks'),
      pause: b('pause', 'Pause', 'secondary'),
      resume: b('resume', 'Resume'),
      advance: b('advance', 'Next phase', 'secondary'),
      end: b('end', 'End the talks', 'danger'),
    };
    this.el = h('div', { class: 'facilitator-bar', role: 'toolbar', 'aria-label': 'Facilitator controls', 'data-testid': 'facilitator-bar', hidden: true },
      h('strong', {}, 'Facilitator'), this.code, ...Object.values(this.buttons), this.error);
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
    const a = actionsModel(v, st.selfStart);
    enable(this.buttons.start, a.canStart);
    enable(this.buttons.pause, a.canPause);
    enable(this.buttons.resume, a.canResume);
    enable(this.buttons.advance, a.canAdvance);
    enable(this.buttons.end, a.canEnd);
    this.buttons.start.hidden = v.phase !== 'setup';
  }
}
