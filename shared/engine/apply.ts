import { own, withDraft, writableOffer } from './draft.js';
import { gameError } from './errors.js';
import { markAway } from './absence.js';
import { pullLever } from './levers.js';
import { roleName, roleOf } from './lookup.js';
import { acceptOffer, addOffer } from './offers.js';
import { actionRefusal } from './permits.js';
import { counterRecipients, isAction, isFormal, tableOf } from './predicates.js';
import { advancePhase, currentTurn, endGame, log, nextTurn, playEvent } from './phases.js';
import { postChat, refuseChannel } from './talk.js';
import { FACILITATOR } from './types.js';
import type { Action, ActionType, Ctx, GameError, GameState, Offer, Result } from './types.js';

type Handler<T extends ActionType> = (
  draft: GameState,
  action: Extract<Action, { type: T }>,
  ctx: Ctx,
) => GameError | void;
type Spec<T extends ActionType> = { run: Handler<T> };

/**
 * What every action does, once accepted. Who may take it, when, and what it must name are the rules in
 * predicates.ts and permits.ts, checked before any of these runs.
 */
const specs: { [T in ActionType]: Spec<T> } = {
  start: {
    run: (d, _a, ctx) => advancePhase(d, ctx),
  },
  ready: {
    run: (d, _a, ctx) => {
      if (d.ready.includes(ctx.seat)) return;
      own(d, 'ready').push(ctx.seat);
      // "Ready" ends a phase early once every delegation is ready.
      if (ctx.scenario.roles.every((r) => d.ready.includes(r.id))) advancePhase(d, ctx);
    },
  },
  propose: {
    run: (d, a, ctx) => void addOffer(d, ctx, ctx.seat, a, null),
  },
  accept: {
    run: (d, a, ctx) => acceptOffer(d, ctx, ctx.seat, offerOf(d, a.offer)),
  },
  reject: {
    run: (d, a, ctx) => {
      const found = { offer: offerOf(d, a.offer) };
      const offer = writableOffer(d, found.offer.id);
      own(offer, 'answers')[ctx.seat] = 'rejected';
      offer.status = 'rejected';
      log(d, ctx, ctx.seat, 'reject', `${nm(ctx, ctx.seat)} rejects the offer from ${nm(ctx, found.offer.from)}.`, [
        found.offer.from,
        ...found.offer.to,
      ]);
    },
  },
  counter: {
    run: (d, a, ctx) => {
      const original = offerOf(d, a.offer);
      // A counter goes back to the proposer and the other recipients of the original.
      const to = counterRecipients(original, ctx.seat);
      const draft = { to, terms: a.terms, inReturn: a.inReturn ?? null, note: a.note };
      const countered = writableOffer(d, original.id);
      own(countered, 'answers')[ctx.seat] = 'rejected';
      countered.status = 'countered';
      addOffer(d, ctx, ctx.seat, draft, original.id);
    },
  },
  withdraw: {
    run: (d, a, ctx) => {
      const offer = offerOf(d, a.offer);
      writableOffer(d, offer.id).status = 'withdrawn';
      log(d, ctx, ctx.seat, 'withdraw', `${nm(ctx, ctx.seat)} withdraws an offer.`, [offer.from, ...offer.to]);
    },
  },
  sign: {
    run: (d, _a, ctx) => {
      own(d, 'signatures').push(ctx.seat);
      log(d, ctx, ctx.seat, 'sign', `${nm(ctx, ctx.seat)} signs the framework agreement.`);
      // The framework is made when every delegation has signed the whole.
      if (ctx.scenario.roles.every((r) => d.signatures.includes(r.id))) {
        endGame(d, ctx, 'deal');
        return;
      }
    },
  },
  lever: {
    run: (d, a, ctx) => pullLever(d, ctx, ctx.seat, a.lever),
  },
  pass: { run: (d, _a, ctx) => log(d, ctx, ctx.seat, 'pass', `${nm(ctx, ctx.seat)} passes.`) },
  chat: {
    run: (d, a, ctx) => postChat(d, ctx, a),
  },
  refuse_channel: {
    run: (d, a, ctx) => refuseChannel(d, ctx, a.with, a.refuse),
  },
  pause: {
    run: (d, _a, ctx) => {
      d.paused = true;
      d.pausedLeft = d.deadline === null ? null : Math.max(0, d.deadline - ctx.now);
      d.deadline = null;
      log(d, ctx, FACILITATOR, 'pause', 'The facilitator pauses the table.');
    },
  },
  resume: {
    run: (d, _a, ctx) => {
      d.paused = false;
      d.deadline = d.pausedLeft === null ? null : ctx.now + d.pausedLeft;
      d.pausedLeft = null;
      log(d, ctx, FACILITATOR, 'resume', 'The facilitator resumes the table.');
    },
  },
  advance: { run: (d, _a, ctx) => advancePhase(d, ctx) },
  inject: {
    run: (d, a, ctx) => playEvent(d, ctx, a.event, true),
  },
  end: { run: (d, _a, ctx) => endGame(d, ctx, 'ended') },
  extend: {
    run: (d, a) => {
      if (d.paused && d.pausedLeft !== null) d.pausedLeft += a.seconds * 1000;
      else if (d.deadline !== null) d.deadline += a.seconds * 1000;
    },
  },
  away: { run: (d, a, ctx) => markAway(d, ctx, a.role) },
  tick: {
    run: (d, _a, ctx) => {
      if (d.phase !== 'moves') return advancePhase(d, ctx);
      // A delegation whose turn timer runs out passes.
      const seat = currentTurn(d)!;
      log(d, ctx, seat, 'pass', `${nm(ctx, seat)} ran out of time and passes.`);
      own(d, 'moved').push(seat);
      nextTurn(d, ctx);
    },
  },
};

/** Applies one action. An invalid action returns a coded error and the state is unchanged. */
export function applyAction(state: GameState, action: Action, ctx: Ctx): Result {
  const type: unknown = action?.type;
  if (!isAction(type)) return fail(gameError('action/unknown', `There is no action called "${String(type)}".`));
  const s = ctx.scenario;
  const err = actionRefusal(tableOf(state, s), s, roleOf(s, ctx.seat) ?? null, ctx.seat, action, ctx.now);
  if (err) return fail(err);
  const spec = specs[action.type] as Spec<ActionType>;
  const next = withDraft(state, (draft) => {
    const refused = spec.run(draft, action as never, ctx);
    if (refused) return refused;
    if (isFormal(action.type)) {
      // A formal move uses the delegation's one move this round and passes the turn on.
      own(draft, 'moved').push(ctx.seat);
      if (draft.phase === 'moves') nextTurn(draft, ctx);
    }
  });
  return next.error ? fail(next.error) : { ok: true, state: next.state };
}

/** The offer an accepted action names (permits.ts has checked that it exists). */
function offerOf(state: GameState, id: string): Offer {
  return state.offers.find((o) => o.id === id)!;
}

function nm(ctx: Ctx, seat: string): string {
  return roleName(ctx.scenario, seat);
}

function fail(error: GameError): Result {
  return { ok: false, error };
}
