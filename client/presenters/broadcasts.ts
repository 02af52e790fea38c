import { FACILITATOR } from '../../shared/engine/types.js';
import type { View } from '../../shared/engine/view.js';

/**
 * The facilitator's lines that arrived between two views of the same seat (a broadcast to every table, or a word
 * to this one), oldest first: the page shows them over whatever tab is open, since a student on the Offer tab would
 * otherwise see only an unread count on Talks. Empty on the first view (nothing is new then).
 */
export function newFacilitatorLines(prev: View | null, next: View): string[] {
  // A change without new lines keeps the same list (applyViewDelta): most changes stop here.
  if (!prev || prev.seat !== next.seat || prev.chat === next.chat) return [];
  const seen = new Set(prev.chat.map((m) => m.id));
  return next.chat.filter((m) => m.from === FACILITATOR && !seen.has(m.id)).map((m) => m.text);
}
