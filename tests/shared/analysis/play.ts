import {
  applyAction,
  createGame,
  type Action,
  type GameState,
  type LoggedAction,
  type Seat,
} from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';

/** The id of the latest offer. */
export const lastOffer = (st: GameState) => st.offers[st.offers.length - 1].id;

/** Applies scripted actions, failing loudly on any refusal; returns the state and the log. */
export function play(
  s: Scenario,
  steps: [Seat, Action | ((st: GameState) => Action)][],
  seed = 7,
): { state: GameState; log: LoggedAction[] } {
  let state = createGame(s, { seed });
  const log: LoggedAction[] = [];
  let at = 1_000;
  for (const [seat, make] of steps) {
    const action = typeof make === 'function' ? make(state) : make;
    at += 1_000;
    const r = applyAction(state, action, { scenario: s, seat, now: at });
    if (!r.ok) throw new Error(`${seat} ${action.type}: ${r.error.message}`);
    state = r.state;
    log.push({ seat, at, action });
  }
  return { state, log };
}

/**
 * Every package of a scenario with each role's points: the brute-force reference. As in the game, an
 * option on a signatory's red line can never settle, and an optional issue without fallback may stay open.
 */
export function allPackages(s: Scenario): { terms: Record<string, string>; points: Record<string, number> }[] {
  let acc: Record<string, string>[] = [{}];
  for (const i of s.issues) {
    const opts = i.options
      .map((o) => o.id)
      .filter(
        (o) =>
          o === i.fallback || !s.roles.some((r) => i.signatories.includes(r.id) && r.redLines.includes(`${i.id}.${o}`)),
      );
    const choices: (string | null)[] = !i.required && !i.fallback ? [...opts, null] : opts;
    acc = acc.flatMap((t) => choices.map((o) => (o === null ? t : { ...t, [i.id]: o })));
  }
  return acc.map((terms) => ({
    terms,
    points: Object.fromEntries(
      s.roles.map((r) => [
        r.id,
        Math.round(Object.entries(terms).reduce((a, [i, o]) => a + (r.points[i]?.[o] ?? 0), 0) * 100) / 100,
      ]),
    ),
  }));
}

/** Brute-force Pareto frontier: packages no other package dominates. */
export function bruteFrontier(s: Scenario) {
  const all = allPackages(s);
  const ids = s.roles.map((r) => r.id);
  return all.filter(
    (p) => !all.some((q) => ids.every((r) => q.points[r] >= p.points[r]) && ids.some((r) => q.points[r] > p.points[r])),
  );
}
