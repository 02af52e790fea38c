import type { GameObjects, Scene } from 'phaser';
import type { NewsModel } from '../presenters/news.js';
import { OKABE_ITO, text } from './palette.js';

/** The round's news card; it slides in when a new card is drawn. */
export function drawNews(
  scene: Scene,
  layer: GameObjects.Container,
  n: NewsModel,
  x: number,
  y: number,
  w: number,
  h: number,
  animate: boolean,
): void {
  const card = scene.add.container(x, y);
  const g = scene.add.graphics();
  g.fillStyle(0x1b1f24, 1).fillRoundedRect(0, 0, w, h, 8);
  g.fillStyle(OKABE_ITO.yellow, 1).fillRect(0, 0, 8, h);
  card.add(g);
  card.add(scene.add.text(18, 10, `${n.injected ? 'BREAKING' : 'NEWS'} · ROUND ${n.round}`, text(11, '#f0e442', true)));
  card.add(scene.add.text(18, 28, n.title, { ...text(16, '#ffffff', true), wordWrap: { width: w - 30 } }));
  const title = card.last as GameObjects.Text;
  const body = scene.add.text(18, title.y + title.height + 4, n.text, {
    ...text(12, '#e5e7eb'),
    wordWrap: { width: w - 30 },
  });
  card.add(body);
  if (n.effects.length) {
    const fx = scene.add.text(18, 0, n.effects.join(' · '), { ...text(11, '#56b4e9'), wordWrap: { width: w - 30 } });
    card.add(fx);
    // The card has a fixed height and the effects are what moved the world: the story gives way (fewer lines) first.
    const room = h - 6 - fx.height - 4 - body.y;
    if (body.height > room) {
      const lines = Math.max(1, body.getWrappedText().length);
      body.setMaxLines(Math.max(1, Math.floor(room / (body.height / lines))));
    }
    fx.setY(body.y + body.height + 4);
  }
  layer.add(card);
  if (!animate) return;
  card.setAlpha(0).setScale(0.9);
  card.x = x + 60;
  // Under load a tween can be starved or cut short: the card always ends fully shown, in place.
  const settle = () => card.active && card.setAlpha(1).setScale(1).setPosition(x, y);
  scene.tweens.add({
    targets: card,
    x,
    alpha: 1,
    scale: 1,
    duration: 600,
    ease: 'Back.easeOut',
    onComplete: settle,
    onStop: settle,
  });
  setTimeout(settle, 1200);
}
