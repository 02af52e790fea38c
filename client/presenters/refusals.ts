import type { View } from '../../shared/engine/view.js';

/** The situation a refused action is about: the round, phase and turn of the view, and whether the link is up. */
export interface Moment {
  round: number;
  phase: string;
  turn: string | null;
  connected: boolean;
}

/** The moment of a view, as the panels see it (status: the connection's, 'connected' when the link is up). */
export function momentOf(v: Pick<View, 'round' | 'phase' | 'turn'>, status: string): Moment {
  return { round: v.round, phase: v.phase, turn: v.turn, connected: status === 'connected' };
}

/**
 * Whether an error shown at `before` describes a situation that is over at `now`, so the panel hides it:
 * the round, phase or turn moved on, or the connection came back. A link that drops keeps it (the error
 * may be the one that says so).
 */
export function refusalOver(before: Moment, now: Moment): boolean {
  return (
    before.round !== now.round ||
    before.phase !== now.phase ||
    before.turn !== now.turn ||
    (!before.connected && now.connected)
  );
}

/**
 * Follows a panel's moment from one render to the next: `over(v, status)` is true when the moment the panel's last
 * refusal was shown in is over (refusalOver), false on the first render.
 */
export class MomentWatch {
  private last: Moment | null = null;

  over(v: Pick<View, 'round' | 'phase' | 'turn'>, status: string): boolean {
    const now = momentOf(v, status);
    const was = this.last;
    this.last = now;
    return was !== null && refusalOver(was, now);
  }
}
