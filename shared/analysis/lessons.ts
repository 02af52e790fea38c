// The lessons report (issue 10): does the game's best play match what the seeds recommend?
// Paired games on fixed seeds: bot games, bot games with one seat scripted, and whole scripted
// tables that follow one route through the agenda. Pure; `npm run simulate -- --lessons` prints it.
import { playBotGame, type SelfPlayResult } from '../bots/self-play.js';
import { STRATEGIES, strategy } from '../bots/strategies.js';
import type { Strategy, StrategyName } from '../bots/types.js';
import { frameworkComplete } from '../engine/mechanics.js';
import { roleOf } from '../engine/lookup.js';
import { actionRefusal, allowed, isMyTurn, mayAccept, tableOf } from '../engine/index.js';
import { nextRandom, seedRng } from '../engine/rng.js';
import type { Action, GameState, Outcome, RoleId, Terms, View } from '../engine/index.js';
import type { Scenario } from '../scenario/schema.js';

export interface LessonsOptions {
  /** Paired games per arm (each arm plays the same seeds). */
  games: number;
  seed: number;
  rounds?: number;
}

export interface Lesson {
  id: string;
  /** What the lesson says, in the seeds' terms. */
  title: string;
  /** The measured figure, one line. */
  figure: string;
  pass: boolean | null;
  /** The numbers behind the figure (for --json and docs/balance.md). */
  data: Record<string, unknown>;
}

export interface LessonsReport {
  scenario: string;
  games: number;
  seed: number;
  rounds: number;
  lessons: Lesson[];
  passed: number;
  failed: number;
}

type Player = (view: View) => Action | null;
const r2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => (xs.length ? r2(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

/** The seed of paired game g: every arm of a lesson plays the same seeds. */
const gameSeed = (o: LessonsOptions, g: number) => (o.seed * 1_000_003 + g) | 0;

function drawStrategies(
  s: Scenario,
  rng: number,
  careful: number,
): { strategies: Record<RoleId, Strategy>; rng: number } {
  const strategies: Record<RoleId, Strategy> = {};
  for (const r of s.roles) {
    let x: number;
    [x, rng] = nextRandom(rng);
    const name = STRATEGIES[Math.floor(x * STRATEGIES.length)];
    [x, rng] = nextRandom(rng);
    strategies[r.id] = strategy(name, x < careful);
  }
  return { strategies, rng };
}

// ---------- scripted players ----------

/** One step of a scripted route: `from` proposes `terms` to `to`; the step is done when every issue in it is settled. */
export interface RouteStep {
  from: RoleId;
  to: RoleId[];
  terms: Terms;
  /** The step is not proposed before this round (to script a late deal). */
  notBefore?: number;
}

/**
 * A whole table that follows a route: on its turn a seat accepts an open offer of the route, the
 * proposer of the first unfinished step makes it, a seat signs when the text is complete, else passes.
 */
export function routePlayer(s: Scenario, steps: RouteStep[]): Player {
  return (v) => {
    const me = v.seat;
    // The engine's own rules decide (signing is allowed in any live phase; formal moves in my turn).
    if (allowed(v, s, { type: 'sign' })) return { type: 'sign' };
    if (!isMyTurn(v, s, me)) return null;
    const open = v.offers.find((o) => o.status === 'open' && o.to.includes(me) && !o.answers[me]);
    if (open) return { type: 'accept', offer: open.id };
    const step = steps.find((st) => Object.keys(st.terms).some((i) => !v.clauses[i]));
    if (!step || step.from !== me || v.round < (step.notBefore ?? 0)) return null;
    const terms = Object.fromEntries(Object.entries(step.terms).filter(([i]) => !v.clauses[i]));
    const made = v.offers.some(
      (o) => o.from === me && o.status === 'open' && JSON.stringify(o.terms) === JSON.stringify(terms),
    );
    return made ? null : { type: 'propose', to: step.to, terms };
  };
}

/** Degenerate strategies a student might try instead of negotiating. */
export const DEGENERATE = ['always_pass', 'always_reject', 'accept_everything', 'levers_only'] as const;
export type Degenerate = (typeof DEGENERATE)[number];

export function degeneratePlayer(s: Scenario, kind: Degenerate): Player {
  return (v) => {
    const me = v.seat;
    const mine = v.offers.find((o) => o.status === 'open' && o.to.includes(me) && !o.answers[me]);
    if (kind === 'accept_everything' && allowed(v, s, { type: 'sign' })) return { type: 'sign' };
    if (!isMyTurn(v, s, me)) return null;
    if (kind === 'always_reject' && mine) return { type: 'reject', offer: mine.id };
    if (kind === 'accept_everything') {
      const ok = v.offers.find((o) => mayAccept(v, s, o));
      if (ok) return { type: 'accept', offer: ok.id };
    }
    if (kind === 'levers_only') {
      const lever = v.me?.role.levers.find((l) => (v.me?.leversUsed[l.id] ?? 0) < l.uses);
      if (lever) return { type: 'lever', lever: lever.id };
    }
    return null;
  };
}

// ---------- the routes of the seeds' argument ----------

function routes(s: Scenario): Record<'seeds' | 'bundled' | 'later_first', RouteStep[]> | null {
  const q = s.mechanics.sequencing;
  const ref = s.reference?.terms;
  if (!q || !ref || !(q.first in ref) || !(q.later in ref)) return null;
  const all = s.roles.map((r) => r.id);
  const issue = (id: string) => s.issues.find((i) => i.id === id)!;
  const firstParties = issue(q.first).signatories;
  const laterParties = issue(q.later).signatories;
  // The sequencing role carries the whole table's package in every route, so only the order differs.
  const mediator = q.role;
  const rest = (skip: string) => Object.fromEntries(Object.entries(ref).filter(([i]) => i !== skip));
  const others = (from: RoleId, parties: RoleId[]) => parties.filter((r) => r !== from);
  const fromFirst = firstParties.includes(q.role) ? q.role : firstParties[0];
  const fromLater = laterParties.find((r) => r !== q.role) ?? laterParties[0];
  return {
    // Seed 000: guarantees among their signatories first, then everything else at the full table.
    seeds: [
      { from: fromFirst, to: others(fromFirst, firstParties), terms: { [q.first]: ref[q.first] } },
      { from: mediator, to: others(mediator, all), terms: rest(q.first) },
    ],
    // One package to all four, guarantees and territory together.
    bundled: [{ from: mediator, to: others(mediator, all), terms: { ...ref } }],
    // The line first, between its signatories, then the rest.
    later_first: [
      { from: fromLater, to: others(fromLater, laterParties), terms: { [q.later]: ref[q.later] } },
      { from: mediator, to: others(mediator, all), terms: rest(q.later) },
    ],
  };
}

function scriptedTable(s: Scenario, o: LessonsOptions, g: number, steps: RouteStep[]): Outcome {
  const play = routePlayer(s, steps);
  const players = Object.fromEntries(s.roles.map((r) => [r.id, play]));
  return playBotGame(s, { seed: gameSeed(o, g), rounds: o.rounds, players }).state.outcome!;
}

const sumGain = (out: Outcome) => r2(Object.values(out.scores).reduce((a, x) => a + x.gain, 0));

function lessonRoutes(s: Scenario, o: LessonsOptions): Lesson {
  const rs = routes(s);
  const title =
    "Guarantees first, then the rest (000): the seeds' route out-scores the bundled package and the territory-first route, for the sequencing role and for the table's summed gain";
  if (!rs)
    return {
      id: 'seeds_route',
      title,
      figure: 'n/a: the scenario has no sequencing rule or reference package',
      pass: null,
      data: {},
    };
  const q = s.mechanics.sequencing!;
  const data: Record<string, { role: number; table: number; deals: number; durability: number }> = {};
  for (const [name, steps] of Object.entries(rs)) {
    const outs = Array.from({ length: o.games }, (_, g) => scriptedTable(s, o, g, steps));
    data[name] = {
      role: mean(outs.map((x) => x.scores[q.role].score)),
      table: mean(outs.map(sumGain)),
      deals: outs.filter((x) => x.kind === 'deal').length,
      durability: mean(outs.map((x) => x.durability ?? 0)),
    };
  }
  const { seeds, bundled, later_first: lf } = data;
  const pass =
    seeds.role > bundled.role && seeds.role > lf.role && seeds.table > bundled.table && seeds.table > lf.table;
  const figure = `${q.role} score seeds ${seeds.role} / bundled ${bundled.role} / ${q.later}-first ${lf.role}; summed gain ${seeds.table} / ${bundled.table} / ${lf.table}; durability ${seeds.durability} / ${bundled.durability} / ${lf.durability}`;
  return { id: 'seeds_route', title, figure, pass, data };
}

function lessonCareful(s: Scenario, o: LessonsOptions): Lesson {
  const q = s.mechanics.sequencing;
  const title =
    'A careful sequencing role out-scores a careless one by at least 5 points on average, for every bot strategy (000)';
  if (!q) return { id: 'careful_pays', title, figure: 'n/a: no sequencing rule', pass: null, data: {} };
  const data: Record<string, { careful: number; careless: number; diff: number }> = {};
  for (const name of STRATEGIES) {
    const arm = (careful: boolean) =>
      Array.from({ length: o.games }, (_, g) => {
        const strategies = Object.fromEntries(
          s.roles.map((r) => [r.id, strategy(name, r.id === q.role ? careful : true)]),
        );
        return playBotGame(s, { seed: gameSeed(o, g), rounds: o.rounds, strategies }).state.outcome!.scores[q.role]
          .score;
      });
    const c = mean(arm(true));
    const n = mean(arm(false));
    data[name] = { careful: c, careless: n, diff: r2(c - n) };
  }
  const pass = Object.values(data).every((x) => x.diff >= 5);
  const figure = Object.entries(data)
    .map(([k, x]) => `${k} ${x.careful} vs ${x.careless} (${x.diff >= 0 ? '+' : ''}${x.diff})`)
    .join('; ');
  return { id: 'careful_pays', title, figure, pass, data };
}

function lessonCeasefire(s: Scenario, o: LessonsOptions): Lesson {
  const title = 'A cease-fire alone, then stalling, scores below a complete deal for every delegation (000, 001, 003)';
  const rs = routes(s);
  const cf = s.mechanics.costOfTime.stopsWhen ?? s.issues.find((i) => i.id === 'ceasefire')?.id;
  const ref = s.reference?.terms;
  if (!rs || !cf || !ref?.[cf])
    return {
      id: 'ceasefire_exploit',
      title,
      figure: 'n/a: no cease-fire issue or reference package',
      pass: null,
      data: {},
    };
  const all = s.roles.map((r) => r.id);
  const signers = s.issues.find((i) => i.id === cf)!.signatories;
  const from = signers[0];
  const stall: RouteStep[] = [{ from, to: all.filter((r) => r !== from), terms: { [cf]: ref[cf] } }];
  const rounds = o.rounds ?? s.rounds.default;
  // The rest of the package in the last rounds, after an early cease-fire.
  const late: RouteStep[] = [...stall, ...rs.seeds.map((st) => ({ ...st, notBefore: Math.max(1, rounds - 3) }))];
  // The seeds' route, as soon as the turns allow.
  const deal: RouteStep[] = rs.seeds;
  const run = (steps: RouteStep[]) => Array.from({ length: o.games }, (_, g) => scriptedTable(s, o, g, steps));
  const [stallOuts, lateOuts, dealOuts] = [run(stall), run(late), run(deal)];
  const data: Record<string, { stall: number; lateDeal: number; deal: number }> = {};
  for (const r of all)
    data[r] = {
      stall: mean(stallOuts.map((x) => x.scores[r].score)),
      lateDeal: mean(lateOuts.map((x) => x.scores[r].score)),
      deal: mean(dealOuts.map((x) => x.scores[r].score)),
    };
  const pass = all.every((r) => data[r].stall < data[r].deal && data[r].lateDeal < data[r].deal);
  const figure =
    all.map((r) => `${r} ${data[r].stall} / ${data[r].lateDeal} / ${data[r].deal}`).join('; ') +
    ` (cease-fire only then stall / cease-fire early, rest from round ${Math.max(1, rounds - 3)} (deal in round ${mean(lateOuts.map((x) => x.round))}) / complete deal (round ${mean(dealOuts.map((x) => x.round))}))`;
  return { id: 'ceasefire_exploit', title, figure, pass, data };
}

interface BotRun {
  res: SelfPlayResult;
  /**
   * Every required clause settled, no deal, and some delegation that had not signed never had a moment it could
   * sign (a missing mandate is not the turn order's doing).
   */
  lostToTurnOrder: boolean;
}

function botGame(
  s: Scenario,
  o: LessonsOptions,
  g: number,
  strategies: Record<RoleId, Strategy>,
  players?: Record<RoleId, Player>,
): BotRun {
  let completeAt = -1;
  let step = 0;
  const couldSign = new Set<RoleId>();
  const watch = (state: GameState, seat: RoleId) => {
    step++;
    const complete = frameworkComplete(s.issues, state.clauses);
    if (!complete) return void (completeAt = -1);
    if (completeAt < 0) {
      completeAt = step;
      couldSign.clear();
    }
    const refused = actionRefusal(tableOf(state, s), s, roleOf(s, seat) ?? null, seat, { type: 'sign' }, 0);
    // A delegation without its public's mandate (ratification) is not kept from signing by the turn order.
    if (refused === null || refused.code === 'sign/no_mandate') couldSign.add(seat);
  };
  const wrapped = players && Object.fromEntries(Object.entries(players).map(([r, p]) => [r, (v: View) => p(v)]));
  const res = playBotGame(s, {
    seed: gameSeed(o, g),
    rounds: o.rounds,
    strategies,
    players: wrapped,
    observe: (state, input) => watch(state, input.view.seat),
  });
  const out = res.state.outcome!;
  const lost =
    out.kind !== 'deal' &&
    frameworkComplete(s.issues, res.state.clauses) &&
    s.roles.some((r) => !res.state.signatures.includes(r.id) && !couldSign.has(r.id));
  return { res, lostToTurnOrder: lost };
}

function lessonsFromBotGames(s: Scenario, o: LessonsOptions): Lesson[] {
  const roles = s.roles.map((r) => r.id);
  let rng = seedRng(o.seed);
  const draws: Record<RoleId, Strategy>[] = [];
  for (let g = 0; g < o.games; g++) {
    const d = drawStrategies(s, rng, 0.5);
    rng = d.rng;
    draws.push(d.strategies);
  }
  const base = draws.map((st, g) => botGame(s, o, g, st));
  const outs = base.map((b) => b.res.state.outcome!);
  const deals = outs.filter((x) => x.kind === 'deal');
  const rounds = o.rounds ?? s.rounds.default;

  // Signing never lost to the turn order.
  const complete = base.filter(
    (b) => frameworkComplete(s.issues, b.res.state.clauses) && b.res.state.outcome!.kind !== 'deal',
  ).length;
  const lost = base.filter((b) => b.lostToTurnOrder).length;
  const signing: Lesson = {
    id: 'signing',
    title:
      'A complete agreement reached in the final round can be signed: no game where every required clause settled but the framework went unsigned for lack of a turn',
    figure: `${lost} of ${o.games} games lost the signature to the turn order (${complete} complete but unsigned in all)`,
    pass: lost === 0,
    data: { lost, completeUnsigned: complete, games: o.games },
  };

  // Degenerate strategies never beat the bot's own play.
  const botMean = Object.fromEntries(roles.map((r) => [r, mean(outs.map((x) => x.scores[r].score))]));
  const degenerate: Record<string, Record<string, number>> = {};
  const worst: string[] = [];
  for (const r of roles) {
    degenerate[r] = { bot: botMean[r] };
    for (const kind of DEGENERATE) {
      const player = degeneratePlayer(s, kind);
      const m = mean(draws.map((st, g) => botGame(s, o, g, st, { [r]: player }).res.state.outcome!.scores[r].score));
      degenerate[r][kind] = m;
      if (m > botMean[r]) worst.push(`${r} ${kind} ${m} > bot ${botMean[r]}`);
    }
  }
  const degenerateLesson: Lesson = {
    id: 'no_degenerate',
    title:
      "No scripted degenerate strategy (always pass, always reject, accept everything, levers only) beats the bot's own play for any delegation",
    figure: worst.length
      ? worst.join('; ')
      : roles
          .map(
            (r) => `${r} bot ${botMean[r]} >= best degenerate ${Math.max(...DEGENERATE.map((k) => degenerate[r][k]))}`,
          )
          .join('; '),
    pass: worst.length === 0,
    data: degenerate,
  };

  // Balance of the bot games.
  const agreement = r2((100 * deals.length) / Math.max(1, o.games));
  const med = median(deals.map((x) => x.round));
  const counts: Record<string, number> = {};
  for (const d of deals)
    for (const [i, x] of Object.entries(d.terms)) counts[`${i}.${x}`] = (counts[`${i}.${x}`] ?? 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
  const topPct = r2((100 * top[1]) / Math.max(1, deals.length));
  const gains = Object.fromEntries(roles.map((r) => [r, mean(deals.map((x) => x.scores[r].gain))]));
  const balance: Lesson[] = [
    {
      id: 'agreement_rate',
      title: 'Agreement rate between 40% and 80%',
      figure: `${agreement}% (${deals.length} of ${o.games})`,
      pass: agreement >= 40 && agreement <= 80,
      data: { agreement },
    },
    {
      id: 'deal_round',
      title: 'Median deal round at most two thirds of the rounds (the cost of time pulls deals earlier, 001)',
      figure: `median round ${med} of ${rounds} (limit ${r2((2 * rounds) / 3)})`,
      pass: deals.length > 0 && med <= (2 * rounds) / 3,
      data: { median: med, rounds },
    },
    {
      id: 'option_share',
      title: 'No option in more than 90% of deals',
      figure: `most common ${top[0]} in ${topPct}% of deals`,
      pass: topPct <= 90,
      data: { option: top[0], pct: topPct },
    },
    {
      id: 'gain_positive',
      title: "Each delegation's gain over its walk-away is positive on average in deals",
      figure: roles.map((r) => `${r} ${gains[r]}`).join('; '),
      pass: deals.length > 0 && roles.every((r) => gains[r] > 0),
      data: gains,
    },
  ];
  return [signing, degenerateLesson, ...balance];
}

/** Plays every lesson's paired games and says, for each, its figure and whether it passes. */
export function lessonsReport(s: Scenario, o: LessonsOptions): LessonsReport {
  const lessons = [lessonRoutes(s, o), lessonCareful(s, o), lessonCeasefire(s, o), ...lessonsFromBotGames(s, o)];
  return {
    scenario: s.id,
    games: o.games,
    seed: o.seed,
    rounds: o.rounds ?? s.rounds.default,
    lessons,
    passed: lessons.filter((l) => l.pass === true).length,
    failed: lessons.filter((l) => l.pass === false).length,
  };
}

/** The report as text: one block per lesson, PASS/FAIL first. */
export function formatLessons(r: LessonsReport): string {
  const lines = [`${r.scenario}: lessons report, ${r.games} paired games per arm, seed ${r.seed}, ${r.rounds} rounds`];
  for (const l of r.lessons)
    lines.push(`${l.pass === null ? 'N/A ' : l.pass ? 'PASS' : 'FAIL'}  ${l.id}: ${l.title}`, `      ${l.figure}`);
  lines.push(`${r.passed} passed, ${r.failed} failed`);
  return lines.join('\n');
}

export type { StrategyName };
