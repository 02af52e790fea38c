import type { GameObjects, Scene } from 'phaser';
import type { SeatModel } from '../presenters/seats.js';
import { fit, hex, LINE, MUTED, OKABE_ITO, PANEL, text } from './palette.js';

/** Seat cards, `cols` to a row: delegation colour, presence, ready, whose turn, signed. */
export function drawSeats(
  scene: Scene,
  layer: GameObjects.Container,
  seats: SeatModel[],
  x0: number,
  y0: number,
  width: number,
  cols = seats.length,
): void {
  const gap = 10;
  const per = Math.max(1, Math.min(cols, seats.length));
  const w = (width - gap * (per - 1)) / per;
  const h = 78;
  seats.forEach((s, i) => {
    const sx = x0 + (i % per) * (w + gap);
    const y = y0 + Math.floor(i / per) * (h + gap);
    const g = scene.add.graphics();
    const color = hex(s.color);
    g.fillStyle(PANEL, 1).fillRoundedRect(sx, y, w, h, 8);
    g.lineStyle(s.turn ? 4 : 1, s.turn ? OKABE_ITO.black : LINE, 1).strokeRoundedRect(sx, y, w, h, 8);
    g.fillStyle(color, 1).fillRoundedRect(sx, y, 10, h, { tl: 8, bl: 8, tr: 0, br: 0 });
    // Presence: filled dot = present, ring = away, none = free seat.
    if (s.presence === 'present') g.fillStyle(OKABE_ITO.green, 1).fillCircle(sx + w - 14, y + 14, 6);
    else if (s.presence !== 'free') g.lineStyle(2, OKABE_ITO.orange, 1).strokeCircle(sx + w - 14, y + 14, 6);
    layer.add(g);
    // A narrow card (a phone) drops the short code before it cuts the delegation's name.
    const title = scene.add.text(sx + 18, y + 8, `${s.short}  ${s.name}`, text(15, '#1b1f24', true));
    if (title.width > w - 40) title.setText(s.name);
    layer.add(fit(title, w - 40));
    const names = s.names.length ? s.names.join(', ') : s.bot ? 'a bot plays' : 'empty seat';
    const who = s.me ? `${names} (you)` : names;
    layer.add(fit(scene.add.text(sx + 18, y + 30, who, text(13, MUTED)), w - 26));
    const badges = [
      s.turn ? (s.me ? '▶ your turn' : '▶ their turn') : s.moved ? 'moved' : '',
      s.ready ? '✓ ready' : '',
      s.signed ? '✍ signed' : '',
      s.presence === 'reconnecting' ? 'reconnecting…' : s.presence === 'absent' ? 'away' : '',
    ]
      .filter(Boolean)
      .join('  ');
    layer.add(scene.add.text(sx + 18, y + 52, badges, text(13, s.turn ? '#000000' : MUTED, s.turn)));
  });
}
