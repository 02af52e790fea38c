import { context, decide, promise } from '../bots/bot.js';
import { answer } from '../bots/dialogue.js';
import { search } from '../bots/packages.js';
import { strategy as makeStrategy, STRATEGIES } from '../bots/strategies.js';
import { NO_MEMORY, type BotInput, type BotMemory, type Strategy } from '../bots/types.js';
import { allowed, openIssues } from '../bots/utility.js';
import { applyAction, createGame, currentTurn, publicScenario, viewFor } from '../engine/index.js';
import type { Action, GameState, RoleId, TalkVerdict, Terms } from '../engine/index.js';
import { nextRandom, seedRng } from '../engine/rng.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * Does what a bot says in the talks predict what it does in the moves? Bot-only games in which one
 * delegation (a different one each game) plays the solo student: in each talks phase it sounds out
 * packages (at its aspiration, then lower, down to its reservation) in the public channel and in its
 * working groups, and the others answer as live bots do (shared/bots/dialogue.ts, remembering what
 * they called acceptable). In the moves phase it formally proposes the package that drew the most
 * "acceptable" answers; every other move is the bots' own. A case is a recipient that said
 * "acceptable" and then had a turn with that offer open and unanswered: consistent if it accepted
 * the offer on that turn. (Before proposing, the floater withdraws its own older open offers.)
 */
export interface ConsistencyReport {
  games: number;
  /** Answers to floated packages, by verdict. */
  answers: Record<TalkVerdict, number>;
  /** "Acceptable" answers whose package was then formally proposed. */
  proposed: number;
  /** Of those, recipients that had a turn with the offer open and unanswered. */
  tested: number;
  accepted: number;
  /** accepted / tested, in percent (null with no case). */
  consistency: number | null;
  /** What the tested recipients that did not accept did instead. */
  instead: Record<string, number>;
}

interface Float {
  from: RoleId;
  to: RoleId[];
  terms: Terms;
  yes: RoleId[];
}

const LEVELS = [0, 0.15, 0.3, 1];
const STEP_MS = 1000;

/**
 * Plays `games` seeded games and measures the talk-to-move consistency of the bots' "acceptable"
 * answers. `keepWord: false` makes the bots forget what they said (the prediction from the shared
 * acceptance test alone, for comparison).
 */
export function talkConsistency(
  s: Scenario,
  o: { games: number; seed: number; rounds?: number; keepWord?: boolean },
): ConsistencyReport {
  const r: ConsistencyReport = {
    games: o.games,
    answers: { yes: 0, change: 0, no: 0, red_line: 0 },
    proposed: 0,
    tested: 0,
    accepted: 0,
    consistency: null,
    instead: {},
  };
  let rng = seedRng(o.seed);
  for (let g = 0; g < o.games; g++) {
    const strategies: Record<RoleId, Strategy> = {};
    for (const role of s.roles) {
      let x: number;
      [x, rng] = nextRandom(rng);
      strategies[role.id] = makeStrategy(STRATEGIES[Math.floor(x * STRATEGIES.length)], x < 0.5);
    }
    playOne(
      s,
      (o.seed * 1_000_003 + g) | 0,
      strategies,
      o.rounds,
      s.roles[g % s.roles.length].id,
      o.keepWord ?? true,
      r,
    );
  }
  r.consistency = r.tested ? Math.round((1000 * r.accepted) / r.tested) / 10 : null;
  return r;
}

function playOne(
  s: Scenario,
  seed: number,
  strategies: Record<RoleId, Strategy>,
  rounds: number | undefined,
  floater: RoleId,
  keepWord: boolean,
  r: ConsistencyReport,
): void {
  const pub = publicScenario(s);
  const roles = s.roles.map((x) => x.id);
  let state: GameState = createGame(s, { seed, rounds, phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 } });
  const memory: Record<RoleId, BotMemory> = Object.fromEntries(roles.map((x) => [x, NO_MEMORY]));
  const rngs: Record<RoleId, number> = Object.fromEntries(
    roles.map((x, i) => [x, seedRng((seed * 31 + i * 7919 + 1) | 0)]),
  );
  let now = 0;
  const act = (seat: string, a: Action): boolean => {
    const res = applyAction(state, a, { scenario: s, seat, now: (now += STEP_MS) });
    if (res.ok) state = res.state;
    return res.ok;
  };
  const input = (role: RoleId): BotInput => ({
    view: viewFor(s, state, role),
    scenario: pub,
    strategy: strategies[role],
    memory: memory[role],
    rng: rngs[role],
  });
  let planned = new Map<RoleId, Float>();
  /** Offers proposed after an "acceptable" answer: offer id -> recipients still to be tested. */
  const watch = new Map<string, Set<RoleId>>();
  for (let guard = 0; state.phase !== 'ended' && guard < 10_000; guard++) {
    if (state.phase === 'talks' && !state.ready.length)
      planned = soundOut(s, state, floater, input, keepWord ? memory : {}, r);
    if (state.phase !== 'moves') {
      const phase = state.phase;
      for (const role of roles) if (state.phase === phase && !state.ready.includes(role)) act(role, { type: 'ready' });
      if (state.phase === phase) act('facilitator', { type: 'advance' });
      continue;
    }
    const seat = currentTurn(state)!;
    // A recipient that said "acceptable" meets the offer on its turn: does it accept it?
    const d = decide(input(seat));
    memory[seat] = d.memory;
    rngs[seat] = d.rng;
    for (const [id, left] of watch) {
      const offer = state.offers.find((x) => x.id === id);
      if (!left.has(seat) || !offer || offer.status !== 'open' || offer.answers[seat]) continue;
      left.delete(seat);
      r.tested += 1;
      if (d.action?.type === 'accept' && d.action.offer === id) r.accepted += 1;
      else {
        const what = d.action ? (d.action.type === 'accept' ? 'accepted another offer' : d.action.type) : 'nothing';
        r.instead[what] = (r.instead[what] ?? 0) + 1;
      }
    }
    const f = planned.get(seat);
    planned.delete(seat);
    // Like a student with a better package, the floater first withdraws its older open offers.
    if (f)
      for (const o of state.offers.filter((x) => x.from === seat && x.status === 'open'))
        act(seat, { type: 'withdraw', offer: o.id });
    if (f && act(seat, { type: 'propose', to: f.to, terms: f.terms })) {
      const id = state.offers[state.offers.length - 1].id;
      r.proposed += f.yes.length;
      watch.set(id, new Set(f.yes));
      continue;
    }
    if (!(d.action && act(seat, d.action))) act(seat, { type: 'pass' });
  }
}

/** The floater sounds out packages in each channel it talks in; the others answer; returns its best-received package. */
function soundOut(
  s: Scenario,
  state: GameState,
  from: RoleId,
  input: (r: RoleId) => BotInput,
  memory: Record<RoleId, BotMemory>,
  r: ConsistencyReport,
): Map<RoleId, Float> {
  const out = new Map<RoleId, Float>();
  const pub = publicScenario(s);
  const roles = s.roles.map((x) => x.id);
  {
    const c = context(input(from));
    const groups = [
      roles.filter((x) => x !== from),
      ...s.workingGroups.filter((w) => w.members.includes(from)).map((w) => w.members.filter((x) => x !== from)),
    ];
    let best: Float | null = null;
    for (const to of groups) {
      const parties = [from, ...to];
      const issues = openIssues(c.view, pub)
        .filter((i) => i.signatories.every((x) => parties.includes(x)) && allowed(c.me, i).length > 0)
        .map((i) => i.id);
      if (!issues.length) continue;
      for (const drop of LEVELS) {
        const level = drop === 1 ? c.res : Math.max(c.res, c.a - drop);
        const terms = search({ me: c.me, s: pub, issues, level, recipients: to, model: c.model, rng: c.rng }).terms;
        const yes: RoleId[] = [];
        for (const who of to) {
          const a = answer(input(who), { id: `f${state.nextId}`, from, parties: to, act: { kind: 'what_if', terms } });
          r.answers[a.verdict ?? 'no'] += 1;
          if (a.verdict === 'yes') {
            yes.push(who);
            if (who in memory) memory[who] = promise(memory[who], from, to, terms);
          }
        }
        if (yes.length && (!best || yes.length > best.yes.length)) best = { from, to, terms, yes };
        if (yes.length === to.length) break;
      }
    }
    if (best) out.set(from, best);
  }
  return out;
}

/** One line for the simulator's report. */
export function formatConsistency(c: ConsistencyReport): string {
  const inst =
    Object.entries(c.instead)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return [
    `Talk consistency (${c.games} games): ${c.consistency ?? '-'}% of "acceptable" answers followed by acceptance (${c.accepted}/${c.tested} tested; goal >= 95%).`,
    `  answers to floated packages: yes ${c.answers.yes}, one change ${c.answers.change}, no ${c.answers.no}, red line ${c.answers.red_line}; instead of accepting: ${inst}.`,
  ].join('\n');
}
