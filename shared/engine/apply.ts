import { own, withDraft, writableOffer } from './draft.js';
import { gameError } from './errors.js';
import { checkLever, pullLever } from './levers.js';
import { isRole, roleName } from './lookup.js';
import { acceptOffer, addOffer, checkAccept, checkProposal, findAnswerable } from './offers.js';
import { advancePhase, currentTurn, endGame, log, nextTurn, playEvent } from './phases.js';
import { checkChat, postChat, refuseChannel } from './talk.js';
import { SIGN_PHASES } from './mechanics.js';
import { FACILITATOR, SYSTEM } from './types.js';
import type { Action, ActionType, Ctx, GameError, GameState, Result } from './types.js';

type Handler<T extends ActionType> = (draft: GameState, action: Extract<Action, { type: T }>, ctx: Ctx) => GameError | void;
type Who = 'role' | 'facilitator' | 'clock' | 'anyone';
type Spec<T extends ActionType> = { who: Who[]; formal?: boolean; phases?: GameState['phase'][]; whilePaused?: boolean; run: Handler<T> };

const LIVE: GameState['phase'][] = ['news', 'talks', 'moves', 'resolution'];
const NEGOTIATING: GameState['phase'][] = ['talks', 'moves'];

/** Every action, who may take it, in which phase, and what it does. */
const specs: { [T in ActionType]: Spec<T> } = {
  start: {
    who: ['facilitator', 'clock'],
    whilePaused: true,
    run: (d, _a, ctx) => (d.phase === 'setup' ? advancePhase(d, ctx) : gameError('game/already_started', 'The talks have already started.')),
  },
  ready: {
    who: ['role'],
    phases: ['setup', 'news', 'talks', 'resolution'],
    run: (d, _a, ctx) => {
      if (d.ready.includes(ctx.seat)) return;
      own(d, 'ready').push(ctx.seat);
      // "Ready" ends a phase early once every delegation is ready.
      if (ctx.scenario.roles.every((r) => d.ready.includes(r.id))) advancePhase(d, ctx);
    },
  },
  propose: {
    who: ['role'],
    formal: true,
    run: (d, a, ctx) => {
      const draft = { to: a.to, terms: a.terms, inReturn: a.inReturn, note: a.note, summit: a.summit === true };
      const err = checkProposal(d, ctx.scenario, ctx.seat, draft);
      if (err) return err;
      addOffer(d, ctx, ctx.seat, draft, null);
    },
  },
  accept: {
    who: ['role'],
    formal: true,
    run: (d, a, ctx) => {
      const found = findAnswerable(d, ctx.scenario, ctx.seat, a.offer);
      if ('error' in found) return found.error;
      const err = checkAccept(d, ctx.scenario, ctx.seat, found.offer);
      if (err) return err;
      acceptOffer(d, ctx, ctx.seat, found.offer);
    },
  },
  reject: {
    who: ['role'],
    formal: true,
    run: (d, a, ctx) => {
      const found = findAnswerable(d, ctx.scenario, ctx.seat, a.offer);
      if ('error' in found) return found.error;
      const offer = writableOffer(d, found.offer.id);
      own(offer, 'answers')[ctx.seat] = 'rejected';
      offer.status = 'rejected';
      log(d, ctx, ctx.seat, 'reject', `${nm(ctx, ctx.seat)} rejects the offer from ${nm(ctx, found.offer.from)}.`, [found.offer.from, ...found.offer.to]);
    },
  },
  counter: {
    who: ['role'],
    formal: true,
    run: (d, a, ctx) => {
      const found = findAnswerable(d, ctx.scenario, ctx.seat, a.offer);
      if ('error' in found) return found.error;
      const original = found.offer;
      // A counter goes back to the proposer and the other recipients of the original.
      const to = [original.from, ...original.to.filter((r) => r !== ctx.seat)];
      const draft = { to, terms: a.terms, inReturn: a.inReturn ?? null, note: a.note };
      const err = checkProposal(d, ctx.scenario, ctx.seat, draft);
      if (err) return err;
      const countered = writableOffer(d, original.id);
      own(countered, 'answers')[ctx.seat] = 'rejected';
      countered.status = 'countered';
      addOffer(d, ctx, ctx.seat, draft, original.id);
    },
  },
  withdraw: {
    who: ['role'],
    phases: NEGOTIATING,
    run: (d, a, ctx) => {
      const offer = d.offers.find((o) => o.id === a.offer);
      if (!offer || (offer.from !== ctx.seat && !offer.to.includes(ctx.seat))) return gameError('offer/unknown', `There is no offer "${a.offer}" for you.`);
      if (offer.from !== ctx.seat) return gameError('offer/not_yours', 'Only the delegation that made an offer can withdraw it.');
      if (offer.status !== 'open') return gameError('offer/not_open', `That offer is no longer open (it was ${offer.status}).`);
      writableOffer(d, offer.id).status = 'withdrawn';
      log(d, ctx, ctx.seat, 'withdraw', `${nm(ctx, ctx.seat)} withdraws an offer.`, [offer.from, ...offer.to]);
    },
  },
  sign: {
    // Not a formal move (docs/rules.md, "Signing"): the turn order never takes a signature away.
    who: ['role'],
    phases: SIGN_PHASES as GameState['phase'][],
    run: (d, _a, ctx) => {
      const missing = ctx.scenario.issues.filter((i) => i.required && !d.clauses[i.id]);
      if (missing.length) return gameError('sign/not_ready', `The framework cannot be signed yet: ${missing.map((i) => i.title).join(', ')} still open.`);
      if (d.signatures.includes(ctx.seat)) return gameError('sign/already_signed', 'Your delegation has already signed.');
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
    who: ['role'],
    formal: true,
    run: (d, a, ctx) => checkLever(d, ctx, ctx.seat, a.lever) ?? pullLever(d, ctx, ctx.seat, a.lever),
  },
  pass: { who: ['role'], formal: true, run: (d, _a, ctx) => log(d, ctx, ctx.seat, 'pass', `${nm(ctx, ctx.seat)} passes.`) },
  chat: {
    who: ['role', 'facilitator'],
    phases: ['setup', ...LIVE, 'ended'],
    whilePaused: true,
    run: (d, a, ctx) => checkChat(d, ctx, a) ?? postChat(d, ctx, a),
  },
  refuse_channel: {
    who: ['role'],
    phases: ['setup', ...LIVE],
    run: (d, a, ctx) => refuseChannel(d, ctx, a.with, a.refuse),
  },
  pause: {
    who: ['facilitator'],
    phases: LIVE,
    whilePaused: true,
    run: (d, _a, ctx) => {
      if (d.paused) return gameError('game/paused', 'The table is already paused.');
      d.paused = true;
      d.pausedLeft = d.deadline === null ? null : Math.max(0, d.deadline - ctx.now);
      d.deadline = null;
      log(d, ctx, FACILITATOR, 'pause', 'The facilitator pauses the table.');
    },
  },
  resume: {
    who: ['facilitator'],
    phases: LIVE,
    whilePaused: true,
    run: (d, _a, ctx) => {
      if (!d.paused) return gameError('game/not_paused', 'The table is not paused.');
      d.paused = false;
      d.deadline = d.pausedLeft === null ? null : ctx.now + d.pausedLeft;
      d.pausedLeft = null;
      log(d, ctx, FACILITATOR, 'resume', 'The facilitator resumes the table.');
    },
  },
  advance: { who: ['facilitator'], phases: ['setup', ...LIVE], run: (d, _a, ctx) => advancePhase(d, ctx) },
  inject: {
    who: ['facilitator'],
    phases: LIVE,
    whilePaused: true,
    run: (d, a, ctx) => {
      if (!ctx.scenario.events.some((e) => e.id === a.event)) return gameError('event/unknown', `There is no event card "${a.event}".`);
      playEvent(d, ctx, a.event, true);
    },
  },
  end: { who: ['facilitator'], phases: ['setup', ...LIVE], whilePaused: true, run: (d, _a, ctx) => endGame(d, ctx, 'ended') },
  extend: {
    who: ['facilitator'],
    phases: LIVE,
    whilePaused: true,
    run: (d, a) => {
      if (typeof a.seconds !== 'number' || !Number.isFinite(a.seconds) || a.seconds <= 0)
        return gameError('action/invalid', 'Extend the timer by a positive number of seconds.');
      if (d.paused && d.pausedLeft !== null) d.pausedLeft += a.seconds * 1000;
      else if (d.deadline !== null) d.deadline += a.seconds * 1000;
      else return gameError('action/invalid', 'This phase has no timer to extend.');
    },
  },
  tick: {
    who: ['clock'],
    phases: LIVE,
    run: (d, _a, ctx) => {
      if (d.deadline === null || ctx.now < d.deadline) return gameError('timer/not_due', 'The phase timer has not run out.');
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
  const type = action?.type;
  // Own keys only: "toString" or "__proto__" are not actions.
  const spec = typeof type === 'string' && Object.hasOwn(specs, type) ? (specs[type as ActionType] as Spec<ActionType>) : undefined;
  if (!spec) return fail(gameError('action/unknown', `There is no action called "${String(action?.type)}".`));
  const err = gate(state, action, ctx, spec);
  if (err) return fail(err);
  const next = withDraft(state, (draft) => {
    const refused = spec.run(draft, action as never, ctx);
    if (refused) return refused;
    if (spec.formal) {
      // A formal move uses the delegation's one move this round and passes the turn on.
      own(draft, 'moved').push(ctx.seat);
      if (draft.phase === 'moves') nextTurn(draft, ctx);
    }
  });
  return next.error ? fail(next.error) : { ok: true, state: next.state };
}

function gate(state: GameState, action: Action, ctx: Ctx, spec: Spec<ActionType>): GameError | null {
  const s = ctx.scenario;
  const kind: Who | null = ctx.seat === FACILITATOR ? 'facilitator' : ctx.seat === SYSTEM ? 'clock' : isRole(s, ctx.seat) ? 'role' : null;
  if (!kind) return gameError('seat/unknown', `There is no seat called "${ctx.seat}".`);
  if (!spec.who.includes(kind) && !spec.who.includes('anyone'))
    return gameError('seat/not_allowed', `Your seat cannot do "${action.type}".`);
  if (state.phase === 'ended' && action.type !== 'chat') return gameError('game/ended', 'The game is over.');
  if (state.paused && !spec.whilePaused) return gameError('game/paused', 'The table is paused by the facilitator.');
  if (spec.formal) {
    if (state.phase === 'setup') return gameError('game/not_started', 'The talks have not started yet.');
    if (state.phase !== 'moves') return gameError('phase/wrong_phase', 'Formal moves are made in the moves phase.');
    // A seat that has moved is never on turn again this round, so this also refuses a second move.
    if (currentTurn(state) !== ctx.seat) return gameError('move/not_your_turn', `It is not your turn: ${nm(ctx, currentTurn(state) ?? '')} moves now.`);
    return null;
  }
  if (spec.phases && !spec.phases.includes(state.phase)) {
    if (state.phase === 'setup') return gameError('game/not_started', 'The talks have not started yet.');
    return gameError('phase/wrong_phase', `"${action.type}" is not possible in the ${state.phase} phase.`);
  }
  return null;
}

function nm(ctx: Ctx, seat: string): string {
  return roleName(ctx.scenario, seat);
}

function fail(error: GameError): Result {
  return { ok: false, error };
}
