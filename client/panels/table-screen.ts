import type { AppApi } from '../app-api.js';
import { h, fill } from '../dom.js';
import { tableModel, tableSummary } from '../presenters/table.js';
import type { TableScene } from '../scenes/table-scene.js';
import type { AppState } from '../store.js';
import { FacilitatorBar } from './facilitator-bar.js';
import { HintStrip } from './hint-strip.js';
import { SidePanel } from './side-panel.js';
import { StatusBar } from './status-bar.js';

/** The main screen: header, the Phaser table, the side panels and (for the facilitator) the control bar. */
export class TableScreen {
  readonly el: HTMLElement;
  readonly status: StatusBar;
  private side: SidePanel;
  private facilitator: FacilitatorBar;
  private hints: HintStrip;
  private stage = h('div', { class: 'stage', 'data-testid': 'stage' });
  private summary = h('div', { class: 'sr-only', id: 'table-summary', 'data-testid': 'table-summary' });
  /** Visible on focus: straight to the Offer tab when it is your turn (the first stop after the skip link). */
  private toMove = h('a', { class: 'skip', href: '#pane-offer', 'data-testid': 'skip-to-move', onclick: (e: Event) => (e.preventDefault(), this.side.select('offer')) }, 'Skip to your move');
  private scene: TableScene | null = null;
  private booting: Promise<void> | null = null;
  private last: AppState | null = null;

  constructor(app: AppApi) {
    this.status = new StatusBar(app);
    this.side = new SidePanel(app);
    this.facilitator = new FacilitatorBar(app);
    this.hints = new HintStrip(app);
    this.el = h('section', { class: 'screen table', 'data-testid': 'screen-table', 'aria-labelledby': 'table-h' },
      h('h1', { id: 'table-h', class: 'sr-only' }, 'The negotiation table'),
      this.toMove,
      this.status.el,
      this.facilitator.el,
      this.hints.el,
      h('div', { class: 'table-body' }, h('div', { class: 'stage-wrap' }, this.stage, h('h2', { class: 'sr-only' }, 'The table at a glance'), this.summary), this.side.el),
    );
  }

  /** Loads Phaser (its own chunk) the first time the table is shown. */
  boot(): Promise<void> {
    this.booting ??= import('../scenes/boot.js').then(async ({ bootTable }) => {
      const { scene } = await bootTable(this.stage);
      this.scene = scene;
      this.stage.dataset.ready = 'true';
      // The picture is described in words by the summary below it.
      const canvas = this.stage.querySelector('canvas');
      canvas?.setAttribute('role', 'img');
      canvas?.setAttribute('aria-label', 'The table: the delegations’ seats, the agenda, the news card and the world meters');
      canvas?.setAttribute('aria-describedby', 'table-summary');
      if (this.last) this.render(this.last);
    });
    return this.booting;
  }

  /** Your turn came: unless you are typing, the keyboard goes to the Offer tab (Propose is then a few Tabs away). */
  turnCame(): void {
    const a = document.activeElement;
    // Not while typing, reading a pane or in a dialog: the "Skip to your move" link is there instead.
    if (a instanceof HTMLInputElement || a instanceof HTMLTextAreaElement || a instanceof HTMLSelectElement || (a as HTMLElement | null)?.closest?.('dialog, .panes')) return;
    this.side.select('offer');
  }

  render(st: AppState): void {
    this.last = st;
    this.status.render(st);
    this.facilitator.render(st);
    this.hints.render(st);
    this.side.render(st);
    if (!st.scenario) return;
    const m = tableModel(st.scenario, st.view, st.table, st.previous);
    this.scene?.show(m);
    const lines = tableSummary(m);
    if (this.summary.dataset.k !== lines.join('|')) {
      this.summary.dataset.k = lines.join('|');
      fill(this.summary, h('ul', {}, lines.map((l) => h('li', {}, l))));
    }
  }
}
