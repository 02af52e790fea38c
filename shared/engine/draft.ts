// Copy-on-write for one action. applyAction works on a shallow copy of the state; anything nested is
// copied the first time the action writes to it (own), so the state the action started from is never
// changed and everything the action did not touch stays shared. Write nested values only through own.
// Each working copy is marked with its action (in a WeakMap beside it, emptied when the action ends), so own() can
// tell the objects this action made (writable in place) from those it shares with earlier states.
import type { GameState, Offer } from './types.js';

/**
 * New states are deep-frozen in development and tests, so a write that bypasses `own` fails loudly there;
 * production (NODE_ENV=production, the server as deployed and the bench) skips the walk.
 */
const FREEZE =
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NODE_ENV !== 'production';

/** One action's mark: the objects it made, unmarked again when the action ends. */
interface Mark {
  made: object[];
}

/**
 * The mark of every object made by an action still running. Kept beside the objects, not on them: a hidden key
 * added and then deleted left a new key's record (an offer's answers, the acceptances) in V8's slow dictionary
 * mode for the rest of the game, and every later read of it slower (docs/benchmarks.md, "Eighth round").
 */
const marks = new WeakMap<object, Mark>();

function marked<T extends object>(x: T, mark: Mark): T {
  marks.set(x, mark);
  mark.made.push(x);
  return x;
}

function markOf(x: unknown): Mark | undefined {
  return typeof x === 'object' && x !== null ? marks.get(x) : undefined;
}

/**
 * Runs `fn` on a working copy of `state`. The result is the next state, deep-frozen, or `state` itself
 * when nothing changed; `fn` reporting an error (anything but null/undefined) throws the copy away.
 */
export function withDraft<E>(
  state: GameState,
  fn: (draft: GameState) => E | null | undefined,
): { state: GameState; error: E | null } {
  const mark: Mark = { made: [] };
  const draft = marked(copyState(state), mark);
  let error: E | null;
  try {
    error = fn(draft) ?? null;
  } finally {
    // The next state's objects are no longer this action's to write.
    for (const x of mark.made) marks.delete(x);
  }
  if (error !== null) return { state, error };
  return { state: changed(state, draft) ? (FREEZE ? freezeState(draft) : draft) : state, error: null };
}

/** The root copied key by key (all GameState keys, in createGame's order): much faster than a spread of a frozen object. */
function copyState(s: GameState): GameState {
  return {
    scenarioId: s.scenarioId,
    config: s.config,
    seed: s.seed,
    rng: s.rng,
    phase: s.phase,
    round: s.round,
    paused: s.paused,
    deadline: s.deadline,
    pausedLeft: s.pausedLeft,
    turnOrder: s.turnOrder,
    turn: s.turn,
    moved: s.moved,
    ready: s.ready,
    meters: s.meters,
    walkAwayShift: s.walkAwayShift,
    warCost: s.warCost,
    deck: s.deck,
    event: s.event,
    eventsDrawn: s.eventsDrawn,
    offers: s.offers,
    acceptances: s.acceptances,
    clauses: s.clauses,
    signatures: s.signatures,
    leversUsed: s.leversUsed,
    refusals: s.refusals,
    chat: s.chat,
    timeline: s.timeline,
    sequencingBroken: s.sequencingBroken,
    record: s.record,
    politicalCost: s.politicalCost,
    outcome: s.outcome,
    nextId: s.nextId,
    nextPrivateId: s.nextPrivateId,
  };
}

const KEYS = Object.keys(copyState({} as GameState)) as (keyof GameState)[];

/** Whether an action changed anything: every GameState key compared by name (a loop over the keys costs more). */
function changed(a: GameState, b: GameState): boolean {
  return (
    a.chat !== b.chat ||
    a.timeline !== b.timeline ||
    a.nextId !== b.nextId ||
    a.nextPrivateId !== b.nextPrivateId ||
    changedBesideLogs(a, b)
  );
}

/**
 * Whether `b` differs from `a` in anything but its two logs (chat, timeline) and the counters that number their
 * entries (nextId, nextPrivateId). An unchanged part is the very same value: an action copies only what it writes.
 */
export function changedBesideLogs(a: GameState, b: GameState): boolean {
  return (
    a.scenarioId !== b.scenarioId ||
    a.config !== b.config ||
    a.seed !== b.seed ||
    a.rng !== b.rng ||
    a.phase !== b.phase ||
    a.round !== b.round ||
    a.paused !== b.paused ||
    a.deadline !== b.deadline ||
    a.pausedLeft !== b.pausedLeft ||
    a.turnOrder !== b.turnOrder ||
    a.turn !== b.turn ||
    a.moved !== b.moved ||
    a.ready !== b.ready ||
    a.meters !== b.meters ||
    a.walkAwayShift !== b.walkAwayShift ||
    a.warCost !== b.warCost ||
    a.deck !== b.deck ||
    a.event !== b.event ||
    a.eventsDrawn !== b.eventsDrawn ||
    a.offers !== b.offers ||
    a.acceptances !== b.acceptances ||
    a.clauses !== b.clauses ||
    a.signatures !== b.signatures ||
    a.leversUsed !== b.leversUsed ||
    a.refusals !== b.refusals ||
    a.sequencingBroken !== b.sequencingBroken ||
    a.record !== b.record ||
    a.politicalCost !== b.politicalCost ||
    a.outcome !== b.outcome
  );
}

/** Freezes the new state; what it shares with earlier states is frozen already, so only new parts are walked. */
function freezeState(s: GameState): GameState {
  for (const k of KEYS) deepFreeze(s[k]);
  return Object.freeze(s);
}

/** Freezes everything not frozen yet. */
function deepFreeze<T>(x: T): T {
  if (typeof x !== 'object' || x === null || Object.isFrozen(x)) return x;
  Object.freeze(x);
  if (Array.isArray(x)) for (const v of x) deepFreeze(v);
  else for (const k in x) deepFreeze(x[k]);
  return x;
}

/** parent[key], made writable for this action: copied into parent the first time. parent must be writable (the draft or an own() result). */
export function own<P extends object, K extends keyof P>(parent: P, key: K): P[K] {
  const mark = markOf(parent);
  if (!mark) throw new Error('own() outside withDraft, or on an object this action did not make writable');
  const value = parent[key] as unknown as object;
  if (markOf(value) === mark) return value as P[K];
  const copy = marked((Array.isArray(value) ? [...value] : { ...value }) as P[K] & object, mark);
  parent[key] = copy;
  return copy;
}

/** The offer with this id, writable for this action (its answers still need own). */
export function writableOffer(state: GameState, id: string): Offer {
  const offers = own(state, 'offers');
  return own(
    offers,
    offers.findIndex((o) => o.id === id),
  );
}

/** Every offer that passes the test lapses. */
export function lapseOffers(state: GameState, test: (o: Offer) => boolean): void {
  state.offers.forEach((o, i) => {
    if (test(o)) own(own(state, 'offers'), i).status = 'lapsed';
  });
}
