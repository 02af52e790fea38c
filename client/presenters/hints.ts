import type { PublicScenario, View } from '../../shared/engine/view.js';
import { roleName } from './labels.js';

export interface Hint {
  /** What this phase is, in one sentence. */
  phase: string;
  /** The one thing to do now. */
  now: string;
}

/**
 * The first-round hint strip for a delegation's seat: what the phase is and the one thing to do
 * now. Null outside the first round, for observers and the facilitator, and after the end.
 * `creator`: this browser made a table that does not start by itself (it can start it).
 */
export function firstRoundHint(s: PublicScenario, v: View, selfStart: boolean, creator = false): Hint | null {
  if (!v.me || v.round > 1) return null;
  const hint = phaseHint(s, v, selfStart, creator);
  // While the table is paused nothing can be done: the strip says so rather than ask for a move.
  return hint && v.paused ? { ...hint, now: PAUSED_NOW } : hint;
}

/** What the hint strip asks for while the facilitator has paused the table. */
export const PAUSED_NOW = 'The facilitator has paused the table: the clock is stopped until they resume.';

function phaseHint(s: PublicScenario, v: View, selfStart: boolean, creator: boolean): Hint | null {
  switch (v.phase) {
    case 'setup':
      return {
        phase: 'The delegations are taking their seats.',
        now:
          creator && !selfStart
            ? 'You created this table: start the talks when everyone is seated.'
            : selfStart
              ? 'Read your brief, then press Ready: the talks open when every delegation is ready.'
              : 'Read your brief while you wait: the facilitator opens the talks.',
      };
    case 'news':
      return {
        phase: 'News: a month of war begins and a card moves the world.',
        now: 'Read the news card, then press Ready.',
      };
    case 'talks':
      return {
        phase: 'Talks: chat on the public table or privately; nothing said here is binding.',
        now: 'Sound out the others in Talks and draft an offer in the Offer tab; press Ready when you are done.',
      };
    case 'moves': {
      if (v.turn === v.seat)
        return {
          phase: 'Moves: each delegation makes one formal move, in turn.',
          now: 'Your turn: propose in the Offer tab, answer an offer in the Inbox, pull a lever, or pass.',
        };
      const who = v.turn ? roleName(s, v.turn) : 'the next delegation';
      return {
        phase: 'Moves: each delegation makes one formal move, in turn.',
        now: v.moved.includes(v.seat)
          ? `You have made your move this round; ${who} moves now.`
          : `Wait for your turn: ${who} moves now. An offer counts only when every recipient accepts it.`,
      };
    }
    case 'resolution':
      return {
        phase: 'Resolution: the month of war costs every delegation, and old offers lapse.',
        now: 'See what settled in the Log, then press Ready for the next round.',
      };
    case 'ended':
      return null;
  }
}

/**
 * What the sign confirmation says: it does not use the move, what the framework in force is worth to
 * this seat against its walk-away value, and that the last signature ends the talks.
 */
export function signConfirmText(s: PublicScenario, v: View): string {
  const me = v.me;
  if (!me) return 'Sign the framework agreement?';
  let worth = 0;
  for (const issue of s.issues) {
    const option = v.clauses[issue.id]?.option ?? issue.fallback;
    if (option) worth += me.role.points[issue.id]?.[option] ?? 0;
  }
  worth = Math.round(worth * 100) / 100;
  const left = s.roles.length - v.signatures.length - 1;
  const margin = Math.round((worth - me.walkAwayNow) * 100) / 100;
  return [
    'Sign the framework agreement? Signing does not use your move, but it cannot be taken back.',
    `The settled clauses are worth ${worth} points to you, ${margin >= 0 ? `${margin} above` : `${-margin} below`} your walk-away value of ${me.walkAwayNow}; the deal's durability weighs that in your score.`,
    left > 0
      ? `The deal is made when the other ${left} delegation${left > 1 ? 's' : ''} sign${left > 1 ? '' : 's'} too.`
      : 'Yours is the last signature: the talks end with this deal.',
  ].join('\n\n');
}
