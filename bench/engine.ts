import {
  applyAction,
  channelsFor,
  createGame,
  currentTurn,
  type Action,
  type GameState,
  type Seat,
} from '../shared/engine/index.js';
import type { Scenario } from '../shared/scenario/schema.js';

export interface EngineFigures {
  /** Accepted actions per second (refused attempts cost time but are not counted). */
  actionsPerSec: number;
  accepted: number;
  refused: number;
  games: number;
  seconds: number;
}

/** A small deterministic generator, so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Drives games through the engine with random plausible actions: chat in talks (40 lines a phase),
 * proposals, acceptances and rejections in turn order during moves, the facilitator advancing phases.
 * Measures how many actions the engine applies per second.
 */
export function benchEngine(s: Scenario, seconds: number): EngineFigures {
  const r = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const roles = s.roles.map((x) => x.id);
  let accepted = 0;
  let refused = 0;
  let games = 0;
  let now = 1_000_000;
  const apply = (state: GameState, seat: Seat, action: Action): GameState | null => {
    now += 1000;
    const res = applyAction(state, action, { scenario: s, seat, now });
    if (res.ok) {
      accepted++;
      return res.state;
    }
    refused++;
    return null;
  };
  const randomTerms = () => {
    const terms: Record<string, string> = {};
    for (const issue of s.issues) if (r() < 0.5) terms[issue.id] = pick(issue.options).id;
    if (Object.keys(terms).length === 0) terms[s.issues[0].id] = s.issues[0].options[0].id;
    return terms;
  };
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    let state = createGame(s, { seed: games + 1, phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 } });
    state = apply(state, 'facilitator', { type: 'start' }) ?? state;
    games++;
    let talkLines = 0;
    while (state.phase !== 'ended' && performance.now() < end) {
      let next: GameState | null;
      if (state.phase === 'talks' && talkLines < 40) {
        talkLines++;
        const who = pick(roles);
        next = apply(state, who, {
          type: 'chat',
          channel: pick(channelsFor({ scenario: s }, who)),
          text: `line ${accepted}`,
        });
      } else if (state.phase === 'moves') {
        const who = currentTurn(state)!;
        const open = state.offers.filter((o) => o.status === 'open' && o.to.includes(who));
        const roll = r();
        let action: Action;
        if (open.length && roll < 0.5) action = { type: 'accept', offer: pick(open).id };
        else if (open.length && roll < 0.7) action = { type: 'reject', offer: pick(open).id };
        else action = { type: 'propose', to: [pick(roles.filter((x) => x !== who))], terms: randomTerms() };
        next = apply(state, who, action) ?? apply(state, who, { type: 'pass' });
      } else {
        talkLines = 0;
        next = apply(state, 'facilitator', { type: 'advance' });
        if (!next) next = apply(state, 'facilitator', { type: 'end' });
      }
      if (next) state = next;
      else break;
    }
  }
  return { actionsPerSec: accepted / seconds, accepted, refused, games, seconds };
}
