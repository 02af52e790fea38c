import type { AppApi } from '../app-api.js';
import { h, fill } from '../dom.js';
import { tableModel, tableSummary } from '../presenters/table.js';
import type { TableScene } from '../scenes/table-scene.js';
import type { AppState } from '../store.js';
import { FacilitatorBar } from './facilitator-bar.js';
import { SidePanel } from './side-panel.js';
import { StatusBar } from './status-bar.js';

/** The main screen: header, the Phaser table, the side panels and (for the facilitator) the control bar. */
export class TableScreen {
  readonly el: HTMLElement;
  readonly status: StatusBar;
  private side: SidePanel;
  private facilitator: FacilitatorBar;
  private stage = h('div', { class: 'stage', 'data-testid': 'stage', 'aria-hidden': 'true' });
  private summary = h('div', { class: 'sr-only', 'data-testid': 'table-summary' });
  private scene: TableScene | null = null;
  private booting: Promise<void> | null = null;
  private last: AppState | null = null;

  constructor(app: AppApi) {
    this.status = new StatusBar(app);
    this.side = new SidePanel(app);
    this.facilitator = new FacilitatorBar(app);
    this.el = h('section', { class: 'screen table', 'data-testid': 'screen-table', 'aria-label': 'The table' },
      this.status.el,
      this.facilitator.el,
      h('div', { class: 'table-body' }, h('div', { class: 'stage-wrap' }, this.stage, h('h2', { class: 'sr-only' }, 'The table at a glance'), this.summary), this.side.el),
    );
  }

  /** Loads Phaser (its own chunk) the first time the table is shown. */
  boot(): Promise<void> {
    this.booting ??= import('../scenes/boot.js').then(async ({ bootTable }) => {
      const { scene } = await bootTable(this.stage);
      this.scene = scene;
      this.stage.dataset.ready = 'true';
      if (this.last) this.render(this.last);
    });
    return this.booting;
  }

  render(st: AppState): void {
    this.last = st;
    this.status.render(st);
    this.facilitator.render(st);
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
