import type { View } from '../../shared/engine/view.js';

export interface AwayRecap {
  /** One line per move made in this seat's name while its player was away, oldest first. */
  lines: string[];
  /** Heading for the recap. */
  title: string;
}

/** A timeline entry's identity across views (a whole view after a reconnection holds new objects). */
const entryKey = (t: View['timeline'][number]) => `${t.at}|${t.seat}|${t.kind}|${t.text}`;

/**
 * What was done in this seat's name while its player's link was down (from `since`, server time, ms):
 * a stand-in bot's moves, or a teammate's. `seen` is the view the player held before the link dropped: a move
 * already in it (the player's own, acknowledged before the drop) was seen, not done while away.
 * Null when the view has no seat or nothing new was done.
 */
export function awayRecap(v: View | null, since: number, seen?: View | null): AwayRecap | null {
  if (!v?.me) return null;
  const known = new Set(seen?.timeline.map(entryKey));
  const mine = v.timeline.filter((t) => t.seat === v.seat && t.at >= since && !known.has(entryKey(t)));
  if (!mine.length) return null;
  return {
    title: `While you were away, your delegation made ${mine.length === 1 ? 'one move' : `${mine.length} moves`} (a stand-in bot or a teammate played for you):`,
    lines: mine.map((t) => `Round ${t.round}, ${t.phase}: ${t.text}`),
  };
}
