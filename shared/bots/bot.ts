import {
  allowed as permitted,
  awaitsAnswer,
  counterRecipients,
  isMyTurn,
  isRefused,
  mayAccept,
  readyNow,
  sequencingRisk,
  summitOpen,
} from '../engine/index.js';
import type { Action, Offer, PublicScenario, RoleId, Terms, View } from '../engine/index.js';
import { nextRandom } from '../engine/rng.js';
import { bestLever } from './levers.js';
import { learn, type Model } from './opponent-model.js';
import { search } from './packages.js';
import { acceptReason, names, proposeReason } from './reasons.js';
import { aspiration } from './strategies.js';
import { NO_MEMORY, type BotDecision, type BotInput, type BotMemory, type Strategy } from './types.js';
import {
  allowed,
  fraction,
  inForce,
  openIssues,
  progress,
  range,
  reservationFraction,
  selfOf,
  settledTerms,
  termsKey,
  value,
  type Self,
} from './utility.js';

/** How far below its aspiration an offer may be and still be worth countering rather than ignoring. */
const CLOSE = 0.25;
const TOLERANCE = 0.02;
/** How much an offer the other recipients already accepted weighs, beside its value, in choosing which to accept. */
const CLOSING_PULL = 0.2;

/** A bot's reasoning context (see `context`). */
export interface Ctx {
  view: View;
  s: PublicScenario;
  me: Self;
  strategy: Strategy;
  model: Model;
  t: number;
  res: number;
  a: number;
  memory: BotMemory;
  rng: number;
}

/** One bot decision from the bot's own view only. Pure: same input, same output. */
export function decide(input: BotInput): BotDecision {
  const { view, scenario: s, strategy } = input;
  const memory = input.memory ?? NO_MEMORY;
  const idle = (why: string): BotDecision => ({
    action: null,
    reason: '',
    privateReasoning: why,
    memory,
    rng: input.rng,
  });
  if (!view.me || view.me.role.id !== view.seat) return idle('Not a delegation seat.');
  // Signing is not a formal move: a bot signs whenever the engine allows it and the text is worth it.
  const early = signNow(input);
  if (early) return early;
  if (view.phase !== 'moves') {
    if (view.ready.includes(view.seat)) return idle('Already ready.');
    // Stamped with the moment: a Ready sent after its phase has ended (a bot's delay) is refused, not carried on.
    const ready = readyNow(view);
    if (!permitted(view, s, ready)) return idle('Nothing to do.');
    return {
      action: ready,
      reason: 'Ready.',
      privateReasoning: `Ready for the next step (${view.phase}).`,
      memory,
      rng: input.rng,
    };
  }
  if (!isMyTurn(view, s, view.seat)) return idle('Not our turn.');
  const ctx = context(input);
  const { t, a, res, me } = ctx;
  const head = `${strategy.name}: t=${t.toFixed(2)} aspiration ${a.toFixed(2)} reservation ${res.toFixed(2)} (walk-away ${me.walkAwayNow}, worth waiting for ${me.reservation}).`;
  // A bot keeps its word from the talks: a package it called acceptable, proposed as floated, comes first.
  const d =
    acceptMove(ctx, true) ??
    signMove(ctx) ??
    acceptMove(ctx, false) ??
    counterOrPropose(ctx) ??
    leverMove(ctx) ??
    fallback(ctx);
  return { action: d.action, reason: d.reason, privateReasoning: `${head} ${d.why}`, memory: ctx.memory, rng: ctx.rng };
}

type Move = { action: Action; reason: string; why: string };

/** What a bot reasons from: its own view, utility, opponent model and aspiration now (formal moves and talks alike). */
export function context(input: BotInput): Ctx {
  const { view, scenario: s, strategy } = input;
  const me = selfOf(view, s);
  const model = learn(view, s, me.id);
  const t = progress(view);
  const res = reservationFraction(me, s);
  const a = aspiration(strategy, t, res, mirror(model, me, s));
  return {
    view,
    s,
    me,
    strategy,
    model,
    t,
    res,
    a,
    memory: remember(input.memory ?? NO_MEMORY, view, me),
    rng: input.rng,
  };
}

/**
 * The acceptance test of a formal move: the offer is allowed for us, keeps the sequencing rule (when
 * careful), reaches our aspiration less the tolerance for late talks and for others' yeses (`momentum`
 * 0..1), and, once we have signed, does not make the text in force worse. Returns its share of our range, or null.
 */
export function acceptable(c: Ctx, o: Offer, momentum: number): number | null {
  const { view, me, s } = c;
  // Whoever's turn it is: talks ask this too, of offers only sounded out.
  if (!mayAccept(view, s, o)) return null;
  if (seqGuard(c, o.terms, [o.from, ...o.to])) return null;
  const f = judge(c, o);
  if (f < c.a - TOLERANCE - 0.06 * c.t - 0.08 * momentum) return null;
  if (view.signatures.includes(me.id) && value(me, { ...inForce(view, s), ...o.terms }) < value(me, inForce(view, s)))
    return null;
  return f;
}

function remember(memory: BotMemory, view: View, me: Self): BotMemory {
  const rebuffed = new Set(memory.rebuffed);
  for (const o of view.offers)
    if (o.from === me.id && (o.status === 'rejected' || o.status === 'countered'))
      rebuffed.add(`${[...o.to].sort()}|${termsKey(o.terms)}`);
  return { ...memory, rebuffed: [...rebuffed].slice(-50) };
}

/** Tit-for-tat input: how far the others' offers to us have moved our way since their first one. */
function mirror(model: Model, me: Self, s: PublicScenario): number {
  const moves: number[] = [];
  for (const g of Object.values(model)) {
    if (g.sent.length < 2) continue;
    const first = fraction(me, s, g.sent[0].terms);
    moves.push(Math.max(0, Math.max(...g.sent.slice(1).map((o) => fraction(me, s, o.terms))) - first));
  }
  return moves.length ? moves.reduce((x, y) => x + y, 0) / moves.length : 0;
}

/**
 * A careful bot (any delegation but the one the rule keeps away from the guarantee table) never lets a
 * package break the sequencing rule: it asks the engine's sequencingRisk. Returns the issue to hold back.
 */
function seqGuard(c: Ctx, terms: Terms, parties: RoleId[]): string | null {
  const q = c.s.mechanics.sequencing;
  if (!q || !c.strategy.careful || q.excluded?.role === c.me.id) return null;
  const risk = sequencingRisk(c.s, c.view, parties, terms);
  if (risk.laterBeforeFirst) return q.later;
  if (risk.excludedAtFirst) return q.first;
  return null;
}

/** Sign now (in any phase the engine allows) if the text in force is worth it; null otherwise. */
function signNow(input: BotInput): BotDecision | null {
  const { view, scenario: s } = input;
  if (!permitted(view, s, { type: 'sign' })) return null;
  const m = signMove(context(input));
  return m
    ? { action: m.action, reason: m.reason, privateReasoning: m.why, memory: input.memory ?? NO_MEMORY, rng: input.rng }
    : null;
}

function signMove(c: Ctx): Move | null {
  const { view, s, me } = c;
  if (!permitted(view, s, { type: 'sign' })) return null;
  const v = value(me, inForce(view, s));
  if (v < me.reservation) return null;
  const { min, max } = range(
    me,
    s,
    s.issues.map((i) => i.id),
  );
  const target = min + c.a * (max - min);
  const why = `Deal in force is worth ${v} against walk-away ${me.walkAwayNow} (worth waiting for: ${me.reservation}) and target ${target.toFixed(1)}.`;
  const sign: Move = {
    action: { type: 'sign' },
    reason: 'We sign: the settled text is better for us than more months of war.',
    why,
  };
  if (view.signatures.length > 0 || v >= target || c.t >= 0.8 || openIssues(view, s).length === 0) return sign;
  return null;
}

/** Share of its range on the settled issues plus these terms, less what the lever asked for costs. */
function judge(c: Ctx, o: Offer): number {
  const terms: Terms = { ...settledTerms(c.view), ...o.terms };
  let f = fraction(c.me, c.s, terms);
  if (o.inReturn?.role === c.me.id) {
    const lever = c.me.role.levers.find((l) => l.id === o.inReturn!.lever);
    const cost = -(lever?.walkAway[c.me.id] ?? 0);
    const { min, max } = range(c.me, c.s, Object.keys(terms));
    if (cost > 0 && max > min) f -= cost / (max - min);
  }
  return f;
}

/** The key of a package as floated in the talks: who would propose it, to whom, and its terms. */
export function promiseKey(from: RoleId, to: RoleId[], terms: Terms): string {
  return `${from}|${[...to].sort()}|${termsKey(terms)}`;
}

/** The bot's memory after it called a floated package acceptable (the last 20 kept). */
export function promise(memory: BotMemory | null, from: RoleId, to: RoleId[], terms: Terms): BotMemory {
  const m = memory ?? NO_MEMORY;
  const key = promiseKey(from, to, terms);
  return { ...m, promised: [...(m.promised ?? []).filter((k) => k !== key), key].slice(-20) };
}

function acceptMove(c: Ctx, promisedOnly: boolean): Move | null {
  const { view, me, s } = c;
  const order = c.memory.promised ?? [];
  const promised = new Set(order);
  let best: { o: Offer; f: number; rank: number } | null = null;
  for (const o of view.offers) {
    if (promisedOnly && !promised.has(promiseKey(o.from, o.to, o.terms))) continue;
    // Late in the talks, and when the other recipients have already said yes, a near miss will do.
    const others = o.to.filter((r) => r !== me.id);
    const momentum = others.length ? others.filter((r) => o.answers[r] === 'accepted').length / others.length : 0;
    const f = acceptable(c, o, momentum);
    // Among packages called acceptable in the talks, the latest word counts; otherwise the best value, with a
    // pull toward an offer the others already accepted, since our yes may close it (one text, not four).
    const rank = promisedOnly ? order.indexOf(promiseKey(o.from, o.to, o.terms)) : (f ?? 0) + CLOSING_PULL * momentum;
    if (f !== null && (!best || rank > best.rank)) best = { o, f, rank };
  }
  if (!best) return null;
  const q = s.mechanics.sequencing;
  const locked = q && q.role === me.id && q.later in best.o.terms && view.clauses[q.first] ? q.first : null;
  return {
    action: { type: 'accept', offer: best.o.id },
    reason: acceptReason(s, me, best.o.from, best.o.terms, locked),
    why: `Offer ${best.o.id} from ${best.o.from} reaches ${best.f.toFixed(2)} of our range${promisedOnly ? '; we called it acceptable in the talks' : ''}.`,
  };
}

interface Plan {
  to: RoleId[];
  issues: string[];
}

/** Issues a package to these parties can settle: open, all signatories among the parties, and safe. */
function issuesFor(c: Ctx, parties: RoleId[]): string[] {
  const ids = openIssues(c.view, c.s)
    .filter((i) => i.signatories.every((r) => parties.includes(r)))
    .map((i) => i.id);
  return safe(c, ids, parties);
}

/** Drops issues we can never agree on, and (if careful) the later issue of the sequencing rule. */
function safe(c: Ctx, ids: string[], parties: RoleId[]): string[] {
  const ok = ids.filter((id) => {
    const issue = c.s.issues.find((i) => i.id === id);
    return !!issue && !c.view.clauses[id] && allowed(c.me, issue).length > 0;
  });
  let kept = ok;
  for (
    let held = seqGuard(c, probe(kept), parties);
    held && kept.includes(held);
    held = seqGuard(c, probe(kept), parties)
  )
    kept = kept.filter((i) => i !== held);
  return kept;
}

const probe = (ids: string[]): Terms => Object.fromEntries(ids.map((i) => [i, '']));

/**
 * The seeds' route (000): while the first issue of the sequencing rule is open, a careful signatory of it
 * offers its co-signatories (never the excluded party) the first issue together with their common position
 * on the other open issues (the later issue aside). Those positions settle nothing until the others agree to
 * the same options, but they give the allies room to trade, so the guarantee locks early.
 */
function alliesPlan(c: Ctx): Plan | null {
  const { view, s, me } = c;
  const q = s.mechanics.sequencing;
  if (!q || !c.strategy.careful || view.clauses[q.first]) return null;
  const first = s.issues.find((i) => i.id === q.first);
  if (!first || !first.signatories.includes(me.id) || q.excluded?.role === me.id) return null;
  // The allies follow the sequencing role's lead: once it has asked them for the guarantee first.
  const asked = view.offers.some(
    (o) => o.from === q.role && q.first in o.terms && !(q.excluded && o.to.includes(q.excluded.role)),
  );
  if (me.id !== q.role && !asked) return null;
  const to = first.signatories.filter((r) => r !== me.id && r !== q.excluded?.role).sort();
  if (to.length === 0 || to.some((r) => isRefused(view, me.id, r))) return null;
  const parties = [me.id, ...to];
  const ids = openIssues(view, s)
    .filter((i) => i.id !== q.later && i.signatories.some((r) => parties.includes(r)))
    .map((i) => i.id);
  const issues = safe(c, ids, parties);
  return issues.includes(q.first) ? { to, issues } : null;
}

function plans(c: Ctx): Plan[] {
  const { view, s, me } = c;
  const allies = alliesPlan(c);
  // Careful delegations follow the seeds' route: the guarantee among the allies comes first.
  if (allies) return [allies];
  const seen = new Set<string>();
  const out: Plan[] = [];
  const groups = [s.roles.map((r) => r.id), ...openIssues(view, s).map((i) => [...new Set([me.id, ...i.signatories])])];
  for (const g of groups) {
    const to = g.filter((r) => r !== me.id).sort();
    const key = to.join(',');
    if (seen.has(key) || to.length === 0 || to.some((r) => isRefused(view, me.id, r))) continue;
    seen.add(key);
    const issues = issuesFor(c, [me.id, ...to]);
    if (issues.length) out.push({ to, issues });
  }
  return out;
}

function pickPlan(c: Ctx, ps: Plan[]): Plan | null {
  const required = new Set(c.s.issues.filter((i) => i.required).map((i) => i.id));
  // Closing (001: documents next, leaders last): once at its reservation, a bot works on one text that
  // completes the framework rather than on pieces of it.
  const open = [...required].filter((i) => !c.view.clauses[i]);
  const closing = c.t >= 1 ? ps.filter((p) => open.every((i) => p.issues.includes(i))) : [];
  if (closing.length) ps = closing;
  const w = ps.map(
    (p) => (p.issues.filter((i) => required.has(i)).length + 0.3 * p.issues.length) / (1 + 0.5 * (p.to.length - 1)),
  );
  const total = w.reduce((x, y) => x + y, 0);
  if (total <= 0) return null;
  let r: number;
  [r, c.rng] = nextRandom(c.rng);
  let x = r * total;
  for (let i = 0; i < ps.length; i++) if ((x -= w[i]) < 0) return ps[i];
  return ps[ps.length - 1];
}

/** A package for these parties at our aspiration, stepping down if it repeats one already turned down. */
function build(c: Ctx, plan: Plan, start?: Terms): Terms | null {
  const mine = new Set(
    c.view.offers.filter((o) => o.from === c.me.id && o.status === 'open').map((o) => `${o.to}|${termsKey(o.terms)}`),
  );
  const seen = new Set(c.memory.rebuffed);
  for (let step = 0; step < 5; step++) {
    const level = Math.max(c.res, c.a - 0.05 * step);
    const found = search({
      me: c.me,
      s: c.s,
      issues: plan.issues,
      level,
      recipients: plan.to,
      model: c.model,
      rng: c.rng,
      start,
    });
    c.rng = found.rng;
    const key = `${plan.to}|${termsKey(found.terms)}`;
    if (!permitted(c.view, c.s, { type: 'propose', to: plan.to, terms: found.terms })) return null;
    if (mine.has(key)) return null;
    if (!seen.has(key)) return found.terms;
  }
  return null;
}

function counterOrPropose(c: Ctx): Move | null {
  const { view, me, s } = c;
  if (view.signatures.includes(me.id)) return null;
  let close: { o: Offer; f: number } | null = null;
  for (const o of view.offers) {
    if (!awaitsAnswer(o, me.id)) continue;
    // Countering kills an offer: leave alone one that others have already accepted, unless we can never
    // accept it ourselves (a red line of ours, an option settled otherwise): then it is dead anyway.
    if (o.to.some((r) => o.answers[r] === 'accepted') && mayAccept(view, s, o)) continue;
    const f = judge(c, o);
    if (f >= c.a - CLOSE && (!close || f > close.f)) close = { o, f };
  }
  if (close) {
    const to = counterRecipients(close.o, me.id);
    const issues = safe(
      c,
      [...new Set([...Object.keys(close.o.terms), ...issuesFor(c, [me.id, ...to])])],
      [me.id, ...to],
    );
    const terms = issues.length ? build(c, { to, issues }, close.o.terms) : null;
    if (terms) {
      return {
        action: { type: 'counter', offer: close.o.id, terms },
        reason: proposeReason(s, me, to, terms, close.o.from),
        why: `Offer ${close.o.id} is close (${close.f.toFixed(2)}); countering at our level, worth ${fraction(me, s, terms).toFixed(2)} to us.`,
      };
    }
  }
  const plan = pickPlan(c, plans(c));
  const terms = plan ? build(c, plan) : null;
  if (plan && terms) {
    c.memory = { ...c.memory, proposals: c.memory.proposals + 1 };
    // The leaders' channel (seeds 001, 003): once the groups have prepared the ground, a package to the whole
    // table that completes the text goes to the leaders, who sign it on the spot if all accept.
    const completes = s.issues.every((i) => !i.required || !!view.clauses[i.id] || i.id in terms);
    const summit = plan.to.length === s.roles.length - 1 && completes && summitOpen(s, view);
    return {
      action: { type: 'propose', to: plan.to, terms, ...(summit ? { summit: true } : {}) },
      reason: proposeReason(s, me, plan.to, terms, null),
      why: `Package to ${plan.to.join(', ')} on ${plan.issues.length} issues, worth ${fraction(me, s, terms).toFixed(2)} to us.`,
    };
  }
  return null;
}

function leverMove(c: Ctx): Move | null {
  if (c.t > 0.85) return null;
  const best = bestLever(c.view, c.s, c.me);
  if (!best || best.value <= 1 || !permitted(c.view, c.s, { type: 'lever', lever: best.lever.id })) return null;
  let r: number;
  [r, c.rng] = nextRandom(c.rng);
  if (r >= 0.15) return null;
  return {
    action: { type: 'lever', lever: best.lever.id },
    reason: `We act: ${best.lever.label.toLowerCase()}. The cost of delay should be felt by all.`,
    why: `Lever ${best.lever.id} is worth about ${best.value.toFixed(1)} to us.`,
  };
}

function fallback(c: Ctx): Move {
  const { view, s, me } = c;
  if (permitted(view, s, { type: 'sign' }) && value(me, inForce(view, s)) >= me.reservation)
    return {
      action: { type: 'sign' },
      reason: 'We sign: the text in force beats the war going on.',
      why: 'Nothing better to do; the deal beats walk-away.',
    };
  const far = view.offers.find((o) => awaitsAnswer(o, me.id));
  if (far)
    return {
      action: { type: 'reject', offer: far.id },
      reason: `We cannot accept the proposal from ${names(s, [far.from])}; it is too far from what we need.`,
      why: `Offer ${far.id} is far below our aspiration.`,
    };
  return { action: { type: 'pass' }, reason: 'We hold our position this round.', why: 'No useful move.' };
}
