import type { AppApi } from '../app-api.js';
import { h, fill } from '../dom.js';
import { tableModel, tableSummary } from '../presenters/table.js';
import { NARROW_QUERY } from '../scenes/layout.js';
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
  private toMove = h(
    'a',
    {
      class: 'skip',
      href: '#pane-offer',
      'data-testid': 'skip-to-move',
      onclick: (e: Event) => (e.preventDefault(), this.side.select('offer')),
    },
    'Skip to your move',
  );
  private wrap: HTMLElement;
  private body: HTMLElement;
  private narrowQuery = window.matchMedia(NARROW_QUERY);
  private scene: TableScene | null = null;
  private booting: Promise<void> | null = null;
  private last: AppState | null = null;

  constructor(app: AppApi) {
    this.status = new StatusBar(app);
    this.side = new SidePanel(app);
    this.facilitator = new FacilitatorBar(app);
    this.wrap = h(
      'div',
      { class: 'stage-wrap', 'data-testid': 'stage-wrap' },
      this.stage,
      h('h2', { class: 'sr-only' }, 'The table at a glance'),
      this.summary,
    );
    this.body = h('div', { class: 'table-body' }, this.wrap, this.side.el);
    this.hints = new HintStrip(app);
    this.el = h(
      'section',
      { class: 'screen table', 'data-testid': 'screen-table', 'aria-labelledby': 'table-h' },
      h('h1', { id: 'table-h', class: 'sr-only' }, 'The negotiation table'),
      this.toMove,
      this.status.el,
      this.facilitator.el,
      this.hints.el,
      this.body,
    );
    this.placePicture();
    this.narrowQuery.addEventListener('change', () => this.placePicture());
    // Size, rotation, browser zoom and a move to another screen all change the box or the pixel ratio.
    new ResizeObserver(() => this.fitPicture()).observe(this.wrap);
    window.addEventListener('resize', () => this.fitPicture());
  }

  /** Wide: the picture beside the side panel. Narrow (phones): the picture in the panel's own "Table" tab. */
  private placePicture(): void {
    const narrow = this.narrowQuery.matches;
    this.el.classList.toggle('narrow', narrow);
    const home = narrow ? this.side.picturePane : this.body;
    if (this.wrap.parentElement !== home) home.prepend(this.wrap);
    this.side.setNarrow(narrow);
    this.fitPicture();
  }

  private fitPicture(): void {
    if (!this.scene || !this.wrap.isConnected) return;
    const r = this.wrap.getBoundingClientRect();
    if (r.width < 1) return;
    this.scene.resize({
      width: r.width,
      height: r.height,
      dpr: window.devicePixelRatio || 1,
      narrow: this.narrowQuery.matches,
    });
  }

  /** Loads Phaser (its own chunk) the first time the table is shown. */
  boot(): Promise<void> {
    this.booting ??= import('../scenes/boot.js').then(async ({ bootTable }) => {
      const { scene } = await bootTable(this.stage);
      this.scene = scene;
      // Tests and support read these: how often the whole picture was drawn, and after a restored GPU context.
      scene.onRedraw = () =>
        Object.assign(this.stage.dataset, { redraws: String(scene.redraws), restored: String(scene.restored) });
      this.fitPicture();
      this.stage.dataset.ready = 'true';
      // The picture is described in words by the summary below it.
      const canvas = this.stage.querySelector('canvas');
      canvas?.setAttribute('role', 'img');
      canvas?.setAttribute(
        'aria-label',
        'The table: the delegations’ seats, the agenda, the news card and the world meters',
      );
      canvas?.setAttribute('aria-describedby', 'table-summary');
      if (this.last) this.render(this.last);
    });
    return this.booting;
  }

  /** Your turn came: unless you are typing, the keyboard goes to the Offer tab (Propose is then a few Tabs away). */
  turnCame(): void {
    const a = document.activeElement;
    // Not while typing, reading a pane or in a dialog: the "Skip to your move" link is there instead.
    if (
      a instanceof HTMLInputElement ||
      a instanceof HTMLTextAreaElement ||
      a instanceof HTMLSelectElement ||
      (a as HTMLElement | null)?.closest?.('dialog, .panes')
    )
      return;
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
      fill(
        this.summary,
        h(
          'ul',
          {},
          lines.map((l) => h('li', {}, l)),
        ),
      );
    }
  }
}
