import { Scene, type GameObjects } from 'phaser';
import type { TableModel } from '../presenters/table.js';
import { drawAgenda } from './draw-agenda.js';
import { drawSeats } from './draw-seats.js';
import { drawGauges, drawMap } from './draw-world.js';
import { fitTable, type Fit, type LayoutContent } from './layout.js';
import { drawNews } from './news-card.js';
import { MUTED, PAPER, setTextResolution, text } from './palette.js';

type Section = 'seats' | 'agenda' | 'news' | 'world';

/** Where the picture is shown: its box in CSS pixels, the device pixel ratio, and whether it stacks (phones). */
export interface Viewport {
  width: number;
  height: number;
  dpr: number;
  narrow: boolean;
}

/**
 * The table: seats, agenda board, world gauges, map and the news card. Drawn at the device's pixel ratio
 * (the canvas holds CSS size x ratio pixels and the camera zooms from layout units to device pixels).
 * Each section redraws only when its part of the model changes; everything redraws on a new size or
 * ratio and when a lost WebGL context comes back.
 */
export class TableScene extends Scene {
  private layers = new Map<Section, GameObjects.Container>();
  private keys = new Map<Section, string>();
  private model: TableModel | null = null;
  private readyCb: (() => void) | null = null;
  private sleepTimer: ReturnType<typeof setTimeout> | null = null;
  private viewport: Viewport | null = null;
  private fit: Fit | null = null;
  /** Called after the canvas changes size (the page may need to lay out again). */
  onFit: ((f: Fit) => void) | null = null;
  /** How many times the picture was redrawn after a lost WebGL context came back (for tests and logs). */
  restored = 0;
  /** Whole-picture redraws so far (new size, new ratio, restored context). */
  redraws = 0;
  /** Called after every whole-picture redraw. */
  onRedraw: (() => void) | null = null;

  constructor() {
    super({ key: 'table' });
  }

  onReady(cb: () => void): void {
    if (this.layers.size) cb();
    else this.readyCb = cb;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(PAPER);
    for (const s of ['seats', 'agenda', 'world', 'news'] as Section[]) this.layers.set(s, this.add.container(0, 0));
    // Phaser restores its own objects (texts, graphics) with the context, but the loop sleeps on a quiet
    // table, so nothing would be drawn until the table changed: render again now.
    this.game.renderer.on('restorewebgl', () => {
      this.restored++;
      this.wake();
      this.onRedraw?.();
    });
    if (this.viewport) this.resize(this.viewport);
    if (this.model) this.draw(this.model);
    this.readyCb?.();
  }

  /** The picture's box or the pixel ratio changed (resize, rotation, zoom, a move between screens). */
  resize(v: Viewport): boolean {
    this.viewport = v;
    if (!this.layers.size) return false;
    const f = fitTable(v.width, v.height, v.dpr, v.narrow, this.content());
    const old = this.fit;
    const same =
      old &&
      old.pixelWidth === f.pixelWidth &&
      old.pixelHeight === f.pixelHeight &&
      old.layout.width === f.layout.width &&
      old.layout.height === f.layout.height;
    this.fit = f;
    if (same) return false;
    this.scale.setZoom(1 / (f.pixelWidth / f.cssWidth));
    this.scale.resize(f.pixelWidth, f.pixelHeight);
    // Phaser leaves the CSS size alone when it equals the pixel size (ratio 1): set it every time.
    this.game.canvas.style.width = `${f.cssWidth}px`;
    this.game.canvas.style.height = `${f.cssHeight}px`;
    const cam = this.cameras.main;
    cam.setViewport(0, 0, f.pixelWidth, f.pixelHeight);
    cam.setOrigin(0, 0);
    cam.setZoom(f.zoom);
    cam.setScroll(0, 0);
    setTextResolution(f.zoom);
    this.redrawAll();
    this.onFit?.(f);
    return true;
  }

  /** Current fit (size, zoom), or null before the first resize. */
  current(): Fit | null {
    return this.fit;
  }

  show(m: TableModel): void {
    const before = this.fit && JSON.stringify(this.content());
    this.model = m;
    if (!this.layers.size) return;
    // The stacked layout's height follows the content: a new agenda or meter count re-fits the canvas.
    if (this.viewport && before !== JSON.stringify(this.content()) && this.resize(this.viewport)) return;
    if (this.draw(m)) this.wake();
  }

  /** Forgets what was drawn and draws everything again. */
  redrawAll(): void {
    this.keys.clear();
    if (this.model) this.draw(this.model);
    this.redraws++;
    this.wake();
    this.onRedraw?.();
  }

  /** The table is still between updates: run the game loop only while something changes or animates. */
  private wake(): void {
    this.game.loop.wake();
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.sleepTimer = setTimeout(() => this.game.loop.sleep(), 1000);
  }

  private content(): LayoutContent {
    const m = this.model;
    return { agendaRows: m?.agenda.length ?? 6, news: !!m?.news, gauges: m?.gauges.length ?? 5, map: !!m?.map };
  }

  /** Redraws the sections whose data changed; returns whether anything did. */
  private draw(m: TableModel): boolean {
    if (!this.fit) return false;
    const parts: Record<Section, unknown> = {
      seats: m.seats,
      agenda: m.agenda,
      news: m.news,
      world: [m.gauges, m.map],
    };
    let changed = false;
    for (const [section, data] of Object.entries(parts) as [Section, unknown][]) {
      const key = JSON.stringify(data);
      if (this.keys.get(section) === key) continue;
      const first = !this.keys.has(section);
      this.keys.set(section, key);
      const layer = this.layers.get(section)!;
      this.tweens.killTweensOf(layer.list);
      layer.removeAll(true);
      this.drawSection(section, m, layer, first);
      changed = true;
    }
    return changed;
  }

  private drawSection(section: Section, m: TableModel, layer: GameObjects.Container, first: boolean): void {
    const L = this.fit!.layout;
    if (section === 'seats') return drawSeats(this, layer, m.seats, L.seats.x, L.seats.y, L.seats.w, L.seatCols);
    if (section === 'agenda') return drawAgenda(this, layer, m.agenda, L.agenda.x, L.agenda.y, L.agenda.w, L.agenda.h);
    if (section === 'news') {
      const n = L.news;
      if (m.news) drawNews(this, layer, m.news, n.x, n.y, n.w, n.h, !first);
      else
        layer.add(
          this.add.text(n.x + 8, n.y + 8, 'The news card appears when the first round begins.', {
            ...text(13, MUTED),
            wordWrap: { width: n.w - 16 },
          }),
        );
      return;
    }
    drawGauges(this, layer, m.gauges, L.gauges.x, L.gauges.y, L.gauges.w, L.gauges.h);
    if (m.map && L.map) drawMap(this, layer, m.map, L.map.x, L.map.y, L.map.w, L.map.h);
  }
}
