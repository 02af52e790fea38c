import type { AppApi } from '../app-api.js';
import { Facilitator } from '../console/facilitator.js';
import { h, enable, errorSlot, fill, setText, showError } from '../dom.js';
import { api } from '../net/api.js';
import { firstRoundHint } from '../presenters/hints.js';
import { session } from '../session.js';
import type { AppState } from '../store.js';

/**
 * The first round's hint strip (what this phase is, the one thing to do now) and, for the creator
 * of a table that does not start by itself, a "Start the talks" button beside their own seat: it
 * acts through a facilitator connection opened with the key this browser kept when it created the table.
 */
export class HintStrip {
  readonly el: HTMLElement;
  private phase = h('strong', { 'data-testid': 'hint-phase' });
  private now = h('span', { 'data-testid': 'hint-now' });
  private start = h(
    'button',
    { type: 'button', 'data-testid': 'creator-start', hidden: true, onclick: () => void this.startTalks() },
    'Start the talks',
  );
  private error = errorSlot('creator-error');

  constructor(private app: AppApi) {
    this.el = h('div', {
      class: 'hint-strip',
      'data-testid': 'hint-strip',
      role: 'note',
      'aria-label': 'What to do now',
      hidden: true,
    });
    fill(this.el, h('p', {}, this.phase, ' ', this.now), this.start, this.error);
  }

  private creatorKey(st: AppState): string | null {
    const code = st.welcome?.code;
    return code && !st.selfStart && st.view?.me ? session.facilitatorKey(code) : null;
  }

  render(st: AppState): void {
    const { view: v, scenario: s } = st;
    const key = this.creatorKey(st);
    const hint = v && s ? firstRoundHint(s, v, st.selfStart, !!key) : null;
    this.el.hidden = !hint;
    if (hint) {
      setText(this.phase, hint.phase);
      setText(this.now, hint.now);
      this.start.hidden = !key || v?.phase !== 'setup';
    }
    // The table screen watches its picture's box (ResizeObserver), so a taller or shorter strip re-fits the canvas.
  }

  private async startTalks(): Promise<void> {
    const st = this.app.store.state;
    const key = this.creatorKey(st);
    const code = st.welcome?.code;
    if (!key || !code) return;
    showError(this.error, null);
    enable(this.start, false);
    const fac = new Facilitator(key, st.welcome?.name ?? 'Facilitator');
    try {
      const t = await api.table(code);
      const r = await fac.act({ code, roomId: t.roomId }, { type: 'start' });
      if (!r.ok) showError(this.error, r.message);
    } finally {
      await fac.close();
      enable(this.start, true);
    }
  }
}
