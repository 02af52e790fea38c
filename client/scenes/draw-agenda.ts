import type { GameObjects, Scene } from 'phaser';
import type { AgendaRow } from '../presenters/agenda.js';
import { fit, hex, LINE, MUTED, OKABE_ITO, PANEL, text } from './palette.js';

/** Boards narrower than this (logical px) put each issue's clause or offers under its title. */
export const STACK_BELOW = 480;

/** The agenda board: each issue, its settled clause or the open offers on it. */
export function drawAgenda(
  scene: Scene,
  layer: GameObjects.Container,
  rows: AgendaRow[],
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  const g = scene.add.graphics();
  g.fillStyle(PANEL, 1).fillRoundedRect(x, y, w, h, 8).lineStyle(1, LINE, 1).strokeRoundedRect(x, y, w, h, 8);
  layer.add(g);
  const settled = rows.filter((r) => r.settled).length;
  layer.add(scene.add.text(x + 12, y + 8, `Agenda · ${settled} of ${rows.length} settled`, text(15, '#1b1f24', true)));
  const top = y + 34;
  // Narrow boards (phones) give each issue two lines: its title, then its clause or offers beneath.
  const twoLine = w < STACK_BELOW;
  const rowH = twoLine
    ? Math.min(54, (h - 40) / Math.max(1, rows.length))
    : Math.min(40, (h - 40) / Math.max(1, rows.length));
  const size = rowH < 30 ? 13 : 14;
  const titles = rows.map((r, i) =>
    scene.add.text(x + 12, top + i * rowH + 4, `${r.title}${r.required ? ' *' : ''}`, text(size, '#1b1f24', true)),
  );
  // The title column is as wide as the longest title, between 40% and 55% of the board: titles are cut last.
  const widest = Math.max(0, ...titles.map((t) => t.width));
  const titleW = twoLine ? 0 : Math.min(w * 0.55, Math.max(w * 0.4, widest + 24));
  rows.forEach((r, i) => {
    const ry0 = top + i * rowH;
    if (i % 2 === 0) g.fillStyle(0xf3f4f6, 1).fillRect(x + 4, ry0, w - 8, rowH);
    if (twoLine) layer.add(fit(titles[i], w - 24));
    else layer.add(fit(titles[i].setPosition(x + 12, ry0 + rowH / 2).setOrigin(0, 0.5), titleW - 18));
    // The second part sits in the row's lower half when two-line, else beside the title.
    const ry = twoLine ? ry0 + 22 : ry0;
    const lineH = twoLine ? rowH - 24 : rowH;
    const cx = x + (twoLine ? 12 : titleW);
    if (r.settled) {
      g.fillStyle(OKABE_ITO.blue, 1).fillRoundedRect(cx, ry + 4, x + w - 12 - cx, lineH - 8, 6);
      const round = scene.add
        .text(x + w - 20, ry + lineH / 2, `R${r.settled.round}`, text(12, '#ffffff'))
        .setOrigin(1, 0.5);
      layer.add(round);
      layer.add(
        fit(
          scene.add
            .text(cx + 8, ry + lineH / 2, `✔ ${r.settled.option}`, text(size, '#ffffff', true))
            .setOrigin(0, 0.5),
          x + w - 40 - cx - round.width,
        ),
      );
      return;
    }
    if (r.offers.length === 0) {
      layer.add(
        scene.add
          .text(cx, ry + lineH / 2, `open · signed by ${r.signatories.join(', ')}`, text(13, MUTED))
          .setOrigin(0, 0.5),
      );
      return;
    }
    let ox = cx;
    for (const o of r.offers.slice(0, 3)) {
      const label = `${o.fromShort}: ${o.option}`;
      const t = fit(
        scene.add.text(ox + 8, ry + lineH / 2, label, text(13, '#1b1f24')).setOrigin(0, 0.5),
        (x + w - 20 - cx) / Math.min(3, r.offers.length) - 24,
      );
      const tw = t.width;
      g.lineStyle(2, hex(o.color), 1).strokeRoundedRect(ox, ry + 5, tw + 16, lineH - 10, 6);
      layer.add(t);
      ox += tw + 22;
    }
    if (r.offers.length > 3)
      layer.add(scene.add.text(ox, ry + lineH / 2, `+${r.offers.length - 3}`, text(12, MUTED)).setOrigin(0, 0.5));
  });
}
