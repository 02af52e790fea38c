import { Scene, type GameObjects } from 'phaser';
import type { TableModel } from '../presenters/table.js';
import { drawAgenda } from './draw-agenda.js';
import { drawSeats } from './draw-seats.js';
import { drawGauges, drawMap } from './draw-world.js';
import { drawNews } from './news-card.js';
import { MUTED, PAPER, text } from './palette.js';

export const TABLE_WIDTH = 900;
export const TABLE_HEIGHT = 620;

type Section = 'seats' | 'agenda' | 'news' | 'world';

const PAD = 12;
const TOP = 102;
const LEFT_W = 520;
const BOTTOM = TABLE_HEIGHT - PAD;
const RX = PAD + LEFT_W + PAD;
const RW = TABLE_WIDTH - RX - PAD;
const NEWS_H = 150;

/** The table: seats, agenda board, world gauges, map and the news card. Each section redraws only when its part of the model changes. */
export class TableScene extends Scene {
  private layers = new Map<Section, GameObjects.Container>();
  private keys = new Map<Section, string>();
  private model: TableModel | null = null;
  private readyCb: (() => void) | null = null;
  private sleepTimer: ReturnType<typeof setTimeout> | null = null;

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
    if (this.model) this.draw(this.model);
    this.readyCb?.();
  }

  show(m: TableModel): void {
    this.model = m;
    if (!this.layers.size) return;
    // The table is still between updates: run the game loop only while something changes or animates.
    if (!this.draw(m)) return;
    this.game.loop.wake();
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.sleepTimer = setTimeout(() => this.game.loop.sleep(), 1000);
  }

  /** Redraws the sections whose data changed; returns whether anything did. */
  private draw(m: TableModel): boolean {
    const parts: Record<Section, unknown> = { seats: m.seats, agenda: m.agenda, news: m.news, world: [m.gauges, m.map] };
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
    if (section === 'seats') return drawSeats(this, layer, m.seats, PAD, PAD, TABLE_WIDTH - 2 * PAD);
    if (section === 'agenda') return drawAgenda(this, layer, m.agenda, PAD, TOP, LEFT_W, BOTTOM - TOP);
    if (section === 'news') {
      if (m.news) drawNews(this, layer, m.news, RX, TOP, RW, NEWS_H, !first);
      else layer.add(this.add.text(RX + 8, TOP + 8, 'The news card appears when the first round begins.', { ...text(13, MUTED), wordWrap: { width: RW - 16 } }));
      return;
    }
    const ry = TOP + NEWS_H + 8;
    const mapH = m.map ? 150 : 0;
    drawGauges(this, layer, m.gauges, RX, ry, RW, BOTTOM - ry - (m.map ? mapH + 8 : 0));
    if (m.map) drawMap(this, layer, m.map, RX, BOTTOM - mapH, RW, mapH);
  }
}
