import fc from 'fast-check';
import type { Action, GameState, Seat } from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';

// Random steps for property tests: numbers that interpret() turns into an action fitting (or not) a state.

/** One random step: numbers the interpreter turns into an action that fits (or not) the current state. */
export const choice = fc.record({
  seat: fc.nat(99),
  kind: fc.nat(99),
  a: fc.nat(999),
  b: fc.nat(999),
  c: fc.nat(999),
  junk: fc.nat(9),
  wait: fc.nat(40),
});
export type Choice = typeof choice extends fc.Arbitrary<infer T> ? T : never;

// Weighted: formal moves and phase changes often, the rest now and then.
const KINDS = [
  ...Array(20).fill('advance'),
  ...Array(8).fill('pass'),
  ...Array(14).fill('propose'),
  ...Array(14).fill('accept'),
  ...Array(3).fill('reject'),
  ...Array(5).fill('counter'),
  ...Array(2).fill('withdraw'),
  ...Array(10).fill('sign'),
  ...Array(4).fill('lever'),
  ...Array(6).fill('chat'),
  ...Array(6).fill('ready'),
  ...Array(2).fill('refuse_channel'),
  'start',
  'start',
  'pause',
  'pause',
  'resume',
  'resume',
  'resume',
  'inject',
  'inject',
  'extend',
  'extend',
  ...Array(5).fill('tick'),
  'end',
  'fly',
] as const;
const FACILITATOR_KINDS = new Set(['advance', 'start', 'pause', 'resume', 'inject', 'extend', 'end']);
const FORMAL = new Set(['pass', 'propose', 'accept', 'reject', 'counter', 'sign', 'lever']);

function pick<T>(xs: readonly T[], n: number): T {
  return xs[n % xs.length];
}

/** Builds an action from the state: mostly plausible ids, sometimes garbage (junk === 0). */
export function interpret(s: Scenario, st: GameState, c: Choice): { seat: Seat; action: Action } {
  const roles = s.roles.map((r) => r.id);
  const onTurn = st.phase === 'moves' ? st.turnOrder[st.turn] : undefined;
  const junk = c.junk === 0;
  const ready = s.issues.every((i) => !i.required || st.clauses[i.id]) && onTurn && !st.signatures.includes(onTurn);
  // Once the framework can be signed, the delegation on turn usually signs: deals must happen too.
  let kind: (typeof KINDS)[number] =
    st.paused && c.junk > 4 ? 'resume' : ready && c.junk > 3 ? 'sign' : pick(KINDS, c.kind);
  // Formal moves outside the moves phase are mostly turned into a phase change, so games move on.
  if (FORMAL.has(kind) && st.phase !== 'moves' && c.junk > 2) kind = 'advance';
  // The delegation on turn often answers an offer waiting for it, so clauses do settle.
  const waiting = onTurn && st.offers.some((o) => o.status === 'open' && o.to.includes(onTurn) && !o.answers[onTurn]);
  if (waiting && c.junk > 5 && kind !== 'sign') kind = 'accept';
  // Usually the seat that may take this action; sometimes anyone, even a seat that does not exist.
  const fitting = FACILITATOR_KINDS.has(kind)
    ? 'facilitator'
    : kind === 'tick'
      ? 'system'
      : (onTurn ?? pick(roles, c.seat));
  const seat: Seat = c.seat < 75 ? fitting : pick([...roles, 'facilitator', 'system', 'ghost'], c.seat);
  const others = roles.filter((r) => r !== seat);
  const to = junk ? ['nobody'] : others.filter((_, i) => (c.b >> i) & 1);
  const recipients = to.length ? to : others;
  const terms: Record<string, string> = {};
  s.issues.forEach((issue, i) => {
    if ((c.a >> i) & 1 || i === c.a % s.issues.length)
      terms[issue.id] = junk && i === 0 ? 'zz' : pick(issue.options, c.c + i).id;
  });
  const answerable = st.offers.filter((o) => o.status === 'open' && o.to.includes(seat) && !o.answers[seat]);
  const offer =
    junk || st.offers.length === 0
      ? `o${c.a}`
      : answerable.length && c.b % 4
        ? pick(answerable, c.b).id
        : pick(st.offers, c.b).id;
  const me = s.roles.find((r) => r.id === seat);
  const anyRole = s.roles[c.c % s.roles.length];
  const inReturn =
    c.c % 5 === 0 && anyRole.levers.length ? { role: anyRole.id, lever: pick(anyRole.levers, c.a).id } : null;
  const channels = [
    'public',
    ...s.workingGroups.map((g) => `wg:${g.id}`),
    `bi:${[seat, pick(roles, c.b)].sort().join(':')}`,
    'nowhere',
  ];
  switch (kind) {
    case 'propose':
      return { seat, action: { type: 'propose', to: recipients, terms, inReturn, note: junk ? 'x'.repeat(300) : 'n' } };
    case 'counter':
      return { seat, action: { type: 'counter', offer, terms, inReturn } };
    case 'accept':
    case 'reject':
    case 'withdraw':
      return { seat, action: { type: kind, offer } };
    case 'lever':
      return {
        seat,
        action: { type: 'lever', lever: junk || !me?.levers.length ? 'nolever' : pick(me.levers, c.a).id },
      };
    case 'chat':
      return { seat, action: { type: 'chat', channel: pick(channels, c.a), text: junk ? ' ' : `msg ${c.b}` } };
    case 'refuse_channel':
      return { seat, action: { type: 'refuse_channel', with: pick(roles, c.a), refuse: c.b % 3 !== 0 } };
    case 'inject':
      return { seat, action: { type: 'inject', event: junk ? 'noevent' : pick(s.events, c.a).id } };
    case 'extend':
      return { seat, action: { type: 'extend', seconds: junk ? -5 : 10 + (c.a % 50) } };
    case 'fly':
      return { seat, action: { type: 'fly' } as unknown as Action };
    default:
      return { seat, action: { type: kind } as Action };
  }
}
