import { session } from '../session.js';

export interface GameSeat {
  code: string;
  role: string;
  name: string;
  facilitatorKey?: string;
}

/**
 * Opens the game at a seat. The game goes back to the seat this browser remembers (as after a
 * reload), so the classroom pages save that seat first; the key never appears in an address.
 */
export function openGame(seat: GameSeat, newTab: boolean): void {
  session.save({ ...seat, fresh: true });
  const url = new URL('./', window.location.href).href;
  if (newTab) window.open(url, '_blank', 'noopener');
  else window.location.assign(url);
}
