import type { GameObjects, Scene } from 'phaser';
import type { MapModel } from '../presenters/map.js';
import type { GaugeModel } from '../presenters/meters.js';
import { fit, LINE, MUTED, OKABE_ITO, PANEL, TONE, text } from './palette.js';

/** The world's meters as horizontal gauges with a mid mark and the last change. */
export function drawGauges(
  scene: Scene,
  layer: GameObjects.Container,
  gauges: GaugeModel[],
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  const g = scene.add.graphics();
  g.fillStyle(PANEL, 1).fillRoundedRect(x, y, w, h, 8).lineStyle(1, LINE, 1).strokeRoundedRect(x, y, w, h, 8);
  layer.add(g);
  layer.add(scene.add.text(x + 12, y + 8, 'The world', text(15, '#1b1f24', true)));
  // Many meters go in two columns so each stays legible.
  const cols = gauges.length > 6 ? 2 : 1;
  const perCol = Math.ceil(gauges.length / cols);
  const rowH = Math.min(34, (h - 36) / Math.max(1, perCol));
  const colW = (w - 24 - (cols - 1) * 12) / cols;
  gauges.forEach((m, i) => {
    const barX = x + 12 + Math.floor(i / perCol) * (colW + 12);
    const barW = colW;
    const gy = y + 32 + (i % perCol) * rowH;
    // A move under one point (the front line shifts by tenths) shows its tenth rather than "▼0".
    const step = Math.abs(m.delta) >= 1 ? String(Math.round(Math.abs(m.delta))) : Math.abs(m.delta).toFixed(1);
    const delta = m.delta && step !== '0.0' ? ` ${m.delta > 0 ? '▲' : '▼'}${step}` : '';
    const size = cols > 1 ? 12 : 13;
    const value = scene.add
      .text(barX + barW, gy, `${Math.round(m.value)}${delta}`, text(size, '#1b1f24', true))
      .setOrigin(1, 0);
    layer.add(value);
    layer.add(fit(scene.add.text(barX, gy, m.label, text(size, '#1b1f24')), barW - value.width - 6));
    const by = gy + Math.max(15, rowH * 0.62);
    const bh = Math.max(4, Math.min(8, rowH * 0.22));
    g.fillStyle(0xe5e7eb, 1).fillRoundedRect(barX, by, barW, bh, bh / 2);
    g.fillStyle(TONE[m.tone], 1).fillRoundedRect(barX, by, Math.max(bh, barW * m.fraction), bh, bh / 2);
    g.fillStyle(0x57606a, 1).fillRect(barX + barW / 2 - 1, by - 2, 2, bh + 4);
  });
}

/** A schematic map: held land, occupied land beyond the front line. */
export function drawMap(
  scene: Scene,
  layer: GameObjects.Container,
  m: MapModel,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  const g = scene.add.graphics();
  g.fillStyle(PANEL, 1).fillRoundedRect(x, y, w, h, 8).lineStyle(1, LINE, 1).strokeRoundedRect(x, y, w, h, 8);
  layer.add(g);
  layer.add(scene.add.text(x + 12, y + 8, `Front line · ${m.label}`, text(13, '#1b1f24', true)));
  const mx = x + 12;
  const my = y + 30;
  const mw = w - 24;
  const mh = h - 58;
  const cw = mw / m.cols;
  const ch = mh / m.rows;
  for (const c of m.cells) {
    g.fillStyle(c.occupied ? OKABE_ITO.vermillion : OKABE_ITO.sky, c.occupied ? 0.75 : 0.55);
    g.fillRect(mx + c.c * cw, my + c.r * ch, cw + 0.5, ch + 0.5);
  }
  g.lineStyle(3, 0x000000, 1).beginPath();
  m.front.forEach(([fx, fy], i) =>
    i === 0 ? g.moveTo(mx + fx * mw, my + fy * mh) : g.lineTo(mx + fx * mw, my + fy * mh),
  );
  g.strokePath();
  layer.add(
    scene.add.text(x + 12, y + h - 22, `■ held by Ukraine ${Math.round(m.held * 100)}%   ■ occupied`, text(11, MUTED)),
  );
}
