// Whether an action would be accepted: the gate (seat, phase, pause, turn) and then what the action names
// (the offer, the terms, the lever, the channel...). applyAction refuses with exactly this; bots, screens and
// rooms ask the same question of a seat's View (refusal, allowed) without a GameState.
import { gameError } from './errors.js';
import { checkLever } from './levers.js';
import { checkAccept, checkProposal, findAnswerable } from './offers.js';
import {
  awaitsAnswer,
  counterRecipients,
  gateRefusal,
  tableWaitsOn,
  type Mine,
  type Rules,
  type Table,
} from './predicates.js';
import { checkChat, checkRefuseChannel } from './talk.js';
import { mandateRefusal } from './mechanics.js';
import type { Action, GameError, Offer, Seat } from './types.js';
import type { View } from './view.js';

/**
 * Why `seat` may not take `action` now, or null when the engine would accept it. `mine` is the acting
 * delegation's own brief (null for the facilitator and the clock); `now` the server clock in ms (only the
 * clock's tick reads it). Never throws on a well-formed action; an unknown type is 'action/unknown'.
 */
export function actionRefusal(
  t: Table,
  s: Rules,
  mine: Mine | null,
  seat: Seat,
  action: Action,
  now: number,
): GameError | null {
  const gate = gateRefusal(t, s, seat, String(action?.type));
  // A Ready pressed for a phase that has since ended is not counted for the one that follows.
  if (action?.type === 'ready' && (!gate || gate.code === 'phase/wrong_phase') && staleReady(t, action))
    return gameError(
      'ready/stale',
      `That Ready was for the ${action.phase} phase, which has ended; the table is now in ${phaseName(t)}.`,
    );
  if (gate) return gate;
  switch (action.type) {
    case 'propose':
      return checkProposal(t, s, mine!, {
        to: action.to,
        terms: action.terms,
        inReturn: action.inReturn ?? null,
        note: action.note,
        summit: action.summit === true,
      });
    case 'accept': {
      const found = findAnswerable(t, seat, action.offer);
      return 'error' in found ? found.error : checkAccept(t, s, mine!, found.offer);
    }
    case 'reject': {
      const found = findAnswerable(t, seat, action.offer);
      return 'error' in found ? found.error : null;
    }
    case 'counter': {
      const found = findAnswerable(t, seat, action.offer);
      if ('error' in found) return found.error;
      const to = counterRecipients(found.offer, seat);
      return checkProposal(t, s, mine!, {
        to,
        terms: action.terms,
        inReturn: action.inReturn ?? null,
        note: action.note,
      });
    }
    case 'withdraw':
      return withdrawRefusal(t, seat, action.offer);
    case 'sign':
      return signRefusal(t, s, seat);
    case 'lever':
      return checkLever(t, mine!, action.lever);
    case 'chat':
      return checkChat(t, s, seat, action);
    case 'refuse_channel':
      return checkRefuseChannel(t, s, seat, action.with, action.refuse);
    case 'start':
      return t.phase === 'setup' ? null : gameError('game/already_started', 'The talks have already started.');
    case 'pause':
      return t.paused ? gameError('game/paused', 'The table is already paused.') : null;
    case 'resume':
      return t.paused ? null : gameError('game/not_paused', 'The table is not paused.');
    case 'inject':
      return s.events.some((e) => e.id === action.event)
        ? null
        : gameError('event/unknown', `There is no event card "${action.event}".`);
    case 'extend':
      return extendRefusal(t, action.seconds);
    case 'tick':
      return t.deadline === null || now < t.deadline
        ? gameError('timer/not_due', 'The phase timer has not run out.')
        : null;
    case 'away':
      return awayRefusal(t, s, action.role);
    default:
      return null;
  }
}

/** The Ready a delegation sends now: stamped with the table's phase and round, so it cannot count for a later phase. */
export function readyNow(t: Pick<Table, 'phase' | 'round'>): Extract<Action, { type: 'ready' }> {
  return { type: 'ready', phase: t.phase, round: t.round };
}

/** Whether a Ready names a phase or round other than the table's (one that names neither is never stale). */
function staleReady(t: Table, a: Extract<Action, { type: 'ready' }>): boolean {
  return (a.phase !== undefined && a.phase !== t.phase) || (a.round !== undefined && a.round !== t.round);
}

function phaseName(t: Table): string {
  return t.phase === 'ended' ? 'the end' : `the ${t.phase} phase of round ${t.round}`;
}

function withdrawRefusal(t: Table, seat: Seat, id: string): GameError | null {
  const offer = t.offers.find((o) => o.id === id);
  if (!offer || (offer.from !== seat && !offer.to.includes(seat)))
    return gameError('offer/unknown', `There is no offer "${id}" for you.`);
  if (offer.from !== seat)
    return gameError('offer/not_yours', 'Only the delegation that made an offer can withdraw it.');
  if (offer.status !== 'open')
    return gameError('offer/not_open', `That offer is no longer open (it was ${offer.status}).`);
  return null;
}

/** The framework is signed whole: every required issue settled, each delegation once, each with its mandate. */
function signRefusal(t: Table, s: Rules, seat: Seat): GameError | null {
  const missing = s.issues.filter((i) => i.required && !t.clauses[i.id]);
  if (missing.length)
    return gameError(
      'sign/not_ready',
      `The framework cannot be signed yet: ${missing.map((i) => i.title).join(', ')} still open.`,
    );
  if (t.signatures.includes(seat)) return gameError('sign/already_signed', 'Your delegation has already signed.');
  const mandate = mandateRefusal(s, t.meters, seat);
  return mandate ? gameError('sign/no_mandate', mandate) : null;
}

/** "away" (the clock only): refused unless the untimed table is waiting on that delegation (tableWaitsOn). */
function awayRefusal(t: Table, s: Rules, role: string): GameError | null {
  const r = s.roles.find((x) => x.id === role);
  if (!r) return gameError('seat/unknown', `There is no delegation called "${role}".`);
  if (!tableWaitsOn(t, role)) return gameError('action/invalid', `The table is not waiting on ${r.name}.`);
  return null;
}

function extendRefusal(t: Table, seconds: number): GameError | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0)
    return gameError('action/invalid', 'Extend the timer by a positive number of seconds.');
  if (!(t.paused && t.pausedLeft !== null) && t.deadline === null)
    return gameError('action/invalid', 'This phase has no timer to extend.');
  return null;
}

/**
 * Why the seat whose view this is may not take `action` now, or null when the engine would accept it.
 * `s` is the public scenario the seat was sent; `now` (ms, server clock) matters only for the clock's tick.
 */
export function refusal(view: View, s: Rules, action: Action, now = 0): GameError | null {
  return actionRefusal(view, s, view.me?.role ?? null, view.seat, action, now);
}

/** Whether the engine would accept `action` from the seat whose view this is (see refusal). */
export function allowed(view: View, s: Rules, action: Action, now = 0): boolean {
  return refusal(view, s, action, now) === null;
}

/**
 * Whether the delegation whose view this is could accept `offer` (from its view, or only sounded out in
 * talks), whoever's turn it is: the offer waits for its answer, crosses none of its red lines, is still
 * possible (no clause settled otherwise, the lever asked in return not used up). Its turn: isMyTurn.
 */
export function mayAccept(view: View, s: Rules, offer: Offer): boolean {
  const mine = view.me?.role;
  return !!mine && awaitsAnswer(offer, mine.id) && checkAccept(view, s, mine, offer) === null;
}
