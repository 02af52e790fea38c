import { AUTO, Game, Scale } from 'phaser';
import { TABLE_HEIGHT, TABLE_WIDTH, TableScene } from './table-scene.js';

/** Starts Phaser in `parent` with the table scene; resolves once the scene can draw. */
export function bootTable(parent: HTMLElement): Promise<{ scene: TableScene; destroy: () => void }> {
  const scene = new TableScene();
  const game = new Game({
    type: AUTO,
    parent,
    width: TABLE_WIDTH,
    height: TABLE_HEIGHT,
    backgroundColor: '#fbfaf7',
    scale: { mode: Scale.FIT, autoCenter: Scale.CENTER_BOTH },
    scene: [scene],
    banner: false,
    audio: { noAudio: true },
    // The canvas only shows; every control is in the DOM, so Phaser listens to no input.
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    disableContextMenu: false,
  });
  return new Promise((resolve) => scene.onReady(() => resolve({ scene, destroy: () => game.destroy(true) })));
}
