import {
  applyAction,
  currentTurn,
  PHASES,
  type Action,
  type Phase,
  type GameState,
  type Seat,
} from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';

// Random but plausible play for engine tests: every kind of action, mostly from the seat that may take it.

export function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** A plausible next action of any kind, from whoever may take it. */
export function nextAction(s: Scenario, st: GameState, r: (n: number) => number): { seat: Seat; action: Action } {
  const roles = s.roles.map((x) => x.id);
  const pick = <T>(xs: readonly T[]) => xs[r(xs.length)];
  const turn = currentTurn(st);
  const me = turn ?? pick(roles);
  const role = s.roles.find((x) => x.id === me)!;
  const others = roles.filter((x) => x !== me);
  const terms: Record<string, string> = {};
  for (const issue of s.issues) if (r(3) === 0) terms[issue.id] = pick(issue.options).id;
  const some = pick(s.issues);
  if (!Object.keys(terms).length) terms[some.id] = pick(some.options).id;
  const open = st.offers.filter((o) => o.status === 'open' && o.to.includes(me) && !o.answers[me]);
  const mine = st.offers.filter((o) => o.status === 'open' && o.from === me);
  const lever = role.levers.length ? pick(role.levers) : null;
  const inReturn =
    lever && r(4) === 0
      ? {
          role: pick(others),
          lever: pick(
            s.roles
              .find((x) => x.id !== me)!
              .levers.map((l) => l.id)
              .concat('none'),
          ),
        }
      : null;
  const options: { seat: Seat; action: Action }[] = [
    { seat: 'facilitator', action: { type: st.phase === 'setup' ? 'start' : 'advance' } },
    // Ready, sometimes stamped with a phase and round, now and then one the table has left (refused as stale);
    // which one follows from the state, not the generator, so the games played stay the same.
    { seat: me, action: { type: 'ready', ...stamp(st) } },
    {
      seat: me,
      action: {
        type: 'chat',
        channel: pick([
          'public',
          `bi:${[me, pick(others)].sort().join(':')}`,
          ...s.workingGroups.map((g) => `wg:${g.id}`),
        ]),
        text: `line ${r(1000)}`,
      },
    },
    {
      seat: me,
      action: {
        type: 'propose',
        to: others
          .filter(() => r(2) === 0)
          .concat(pick(others))
          .filter((x, i, a) => a.indexOf(x) === i),
        terms,
        inReturn,
      },
    },
    { seat: me, action: { type: 'pass' } },
    { seat: me, action: { type: 'sign' } },
    { seat: me, action: { type: 'refuse_channel', with: pick(others), refuse: r(2) === 0 } },
    {
      seat: 'facilitator',
      action: pick<Action>([
        { type: 'pause' },
        { type: 'resume' },
        { type: 'extend', seconds: 30 },
        { type: 'inject', event: pick(s.events).id },
      ]),
    },
    { seat: 'system', action: { type: 'tick' } },
  ];
  if (lever) options.push({ seat: me, action: { type: 'lever', lever: lever.id } });
  if (open.length) {
    const o = pick(open);
    options.push(
      { seat: me, action: { type: 'accept', offer: o.id } },
      { seat: me, action: { type: 'accept', offer: o.id } },
    );
    options.push(
      { seat: me, action: { type: 'reject', offer: o.id } },
      { seat: me, action: { type: 'counter', offer: o.id, terms } },
    );
  }
  if (mine.length) options.push({ seat: me, action: { type: 'withdraw', offer: pick(mine).id } });
  if (r(200) === 0) options.push({ seat: 'facilitator', action: { type: 'end' } });
  return pick(options);
}

/**
 * The states of one random game from `start`, one per accepted action (refused ones are skipped), for at most `steps`
 * tries or until the game ends; the clock moves on 0-29 s before each try.
 */
export function* randomStates(
  s: Scenario,
  start: GameState,
  r: (n: number) => number,
  steps: number,
): Generator<GameState> {
  let st = start;
  let now = 0;
  for (let i = 0; i < steps && st.phase !== 'ended'; i++) {
    now += r(30) * 1000;
    const { seat, action } = nextAction(s, st, r);
    const res = applyAction(st, action, { scenario: s, seat, now });
    if (!res.ok) continue;
    st = res.state;
    yield st;
  }
}

/** No stamp, the table's own moment, or another phase (stale), by the count of public ids. */
function stamp(st: GameState): { phase?: Phase; round?: number } {
  const k = st.nextId % 4;
  if (k === 0) return {};
  if (k === 1) return { phase: st.phase, round: st.round };
  return k === 2
    ? { phase: PHASES[st.nextId % PHASES.length], round: st.round }
    : { phase: st.phase, round: st.round + 1 };
}
