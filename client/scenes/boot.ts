import { AUTO, Game, Scale } from 'phaser';
import { WIDE_HEIGHT, WIDE_WIDTH } from './layout.js';
import { TableScene } from './table-scene.js';

/**
 * Starts Phaser in `parent` with the table scene; resolves once the scene can draw. The page sizes the
 * canvas (TableScene.resize): Phaser's own scaling is off, and its zoom is 1 / device pixel ratio so the
 * canvas holds one pixel per device pixel.
 */
export function bootTable(parent: HTMLElement): Promise<{ scene: TableScene; destroy: () => void }> {
  const scene = new TableScene();
  const dpr = window.devicePixelRatio || 1;
  const game = new Game({
    type: AUTO,
    parent,
    width: Math.round(WIDE_WIDTH * dpr),
    height: Math.round(WIDE_HEIGHT * dpr),
    backgroundColor: '#fbfaf7',
    scale: { mode: Scale.NONE, zoom: 1 / dpr },
    scene: [scene],
    banner: false,
    audio: { noAudio: true },
    // The canvas only shows; every control is in the DOM, so Phaser listens to no input.
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    disableContextMenu: false,
  });
  return new Promise((resolve) => scene.onReady(() => resolve({ scene, destroy: () => game.destroy(true) })));
}
