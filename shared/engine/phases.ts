import { appended } from './chunked.js';
import { lapseOffers, own } from './draft.js';
import { applyEffects, round2, shiftWalkAway } from './lookup.js';
import { weightedIndex } from './rng.js';
import { buildOutcome } from './scoring.js';
import { frameworkComplete, monthlyWarCost, tell } from './mechanics.js';
import { NO_RECORD } from './create.js';
import type { Ctx, GameState, Outcome, Phase, RoleId, Seat } from './types.js';

export function log(
  state: GameState,
  ctx: Ctx,
  seat: Seat,
  kind: string,
  text: string,
  audience: RoleId[] | null = null,
): void {
  state.timeline = appended(state.timeline, {
    at: ctx.now,
    round: state.round,
    phase: state.phase,
    seat,
    kind,
    text,
    audience,
  });
}

function setDeadline(state: GameState, ctx: Ctx, phase: Exclude<Phase, 'setup' | 'ended'>): void {
  const secs = state.config.phaseSeconds[phase];
  state.deadline = secs > 0 ? ctx.now + secs * 1000 : null;
}

/** Round r begins with the news: a seeded event card moves the meters. */
export function enterRound(state: GameState, ctx: Ctx, round: number): void {
  const s = ctx.scenario;
  state.round = round;
  state.phase = 'news';
  state.ready = [];
  state.moved = [];
  // Turn order rotates each round so no delegation always moves first.
  const ids = s.roles.map((r) => r.id);
  const k = (round - 1) % ids.length;
  state.turnOrder = [...ids.slice(k), ...ids.slice(0, k)];
  state.turn = 0;
  drawEvent(state, ctx);
  setDeadline(state, ctx, 'news');
}

function drawEvent(state: GameState, ctx: Ctx): void {
  const s = ctx.scenario;
  if (state.deck.length === 0) state.deck = s.events.map((e) => e.id);
  const weights = state.deck.map((id) => s.events.find((e) => e.id === id)?.weight ?? 1);
  const [i, rng] = weightedIndex(weights, state.rng);
  state.rng = rng;
  const id = state.deck[i];
  own(state, 'deck').splice(i, 1);
  playEvent(state, ctx, id, false);
}

export function playEvent(state: GameState, ctx: Ctx, id: string, injected: boolean): void {
  const ev = ctx.scenario.events.find((e) => e.id === id);
  if (!ev) return;
  state.event = id;
  own(state, 'eventsDrawn').push({ round: state.round, id, injected });
  applyEffects(ctx.scenario, state, ev.effects);
  shiftWalkAway(state, ev.walkAway);
  log(state, ctx, 'system', 'event', `News: ${ev.title}`);
}

/** Ends the current phase and starts the next one. */
export function advancePhase(state: GameState, ctx: Ctx): void {
  state.ready = [];
  switch (state.phase) {
    case 'setup':
      log(state, ctx, 'system', 'start', 'The talks open.');
      enterRound(state, ctx, 1);
      return;
    case 'news':
      state.phase = 'talks';
      setDeadline(state, ctx, 'talks');
      return;
    case 'talks':
      state.phase = 'moves';
      state.turn = 0;
      skipMovedSeats(state, ctx);
      return;
    case 'moves':
      enterResolution(state, ctx);
      return;
    case 'resolution':
      if (state.round >= state.config.rounds && lastCall(state, ctx)) return;
      if (state.round >= state.config.rounds) endGame(state, ctx, 'no_deal');
      else enterRound(state, ctx, state.round + 1);
      return;
    case 'ended':
      return;
  }
}

/** After a formal move: the next delegation in turn order, or resolution when all have moved. */
export function nextTurn(state: GameState, ctx: Ctx): void {
  state.turn += 1;
  skipMovedSeats(state, ctx);
}

function skipMovedSeats(state: GameState, ctx: Ctx): void {
  while (state.turn < state.turnOrder.length && state.moved.includes(state.turnOrder[state.turn])) state.turn += 1;
  if (state.turn >= state.turnOrder.length) enterResolution(state, ctx);
  else setDeadline(state, ctx, 'moves');
}

/** Resolution: the war's cost is charged, the meters drift, and stale offers lapse. */
function enterResolution(state: GameState, ctx: Ctx): void {
  const s = ctx.scenario;
  const cost = s.mechanics.costOfTime;
  state.phase = 'resolution';
  // The war's cost runs until the framework is signed (seed 001); a cease-fire clause alone only lowers the intensity.
  const warGoesOn = !cost.stopsWhen || !state.clauses[cost.stopsWhen];
  if (warGoesOn) {
    for (const r of s.roles)
      own(state, 'warCost')[r.id] = round2((state.warCost[r.id] ?? 0) + monthlyWarCost(s, state.meters, r.id));
    applyEffects(s, state, cost.drift);
    log(state, ctx, 'system', 'cost', s.story.cost);
  } else {
    log(state, ctx, 'system', 'cost', s.story.costStopped);
  }
  lapseOffers(state, (o) => o.status === 'open' && o.round < state.round);
  setDeadline(state, ctx, 'resolution');
}

export function endGame(state: GameState, ctx: Ctx, kind: Outcome['kind']): void {
  const { outcome, rng } = buildOutcome(ctx.scenario, state, kind);
  state.rng = rng;
  state.outcome = outcome;
  state.phase = 'ended';
  state.deadline = null;
  state.pausedLeft = null;
  state.paused = false;
  lapseOffers(state, (o) => o.status === 'open');
  const story = ctx.scenario.story;
  const text =
    kind === 'deal'
      ? tell(story.signed, { durability: outcome.durability ?? 0 })
      : kind === 'no_deal'
        ? story.noDeal
        : story.ended;
  log(state, ctx, 'system', 'end', text);
}

/**
 * The signing step of the last round: when its resolution ends with the text complete but not signed by all,
 * the phase runs once more so every delegation can still sign (docs/rules.md). True if the step was given.
 */
function lastCall(state: GameState, ctx: Ctx): boolean {
  const record = state.record ?? NO_RECORD;
  if (record.lastCall || !frameworkComplete(ctx.scenario.issues, state.clauses)) return false;
  if (ctx.scenario.roles.every((r) => state.signatures.includes(r.id))) return false;
  state.record = { ...record, lastCall: true };
  log(state, ctx, 'system', 'last_call', ctx.scenario.story.lastCall);
  setDeadline(state, ctx, 'resolution');
  return true;
}

export function currentTurn(state: GameState): RoleId | null {
  return state.phase === 'moves' ? (state.turnOrder[state.turn] ?? null) : null;
}
