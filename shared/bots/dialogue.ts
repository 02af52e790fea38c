import type { Offer, PublicScenario, RoleId, TalkAct, TalkVerdict, Terms } from '../engine/index.js';
import { acceptable, context, type Ctx } from './bot.js';
import { line } from './dialogue-lines.js';
import { toneOf, trustBetween, type Tone } from './dialogue-tone.js';
import { appeal } from './opponent-model.js';
import type { BotInput } from './types.js';
import { allowed, bestOption, crosses, pts, type Self } from './utility.js';

// Pure answers to questions in the talks: question in, answer out, from the bot seat's own view
// and the public scenario only. Priorities and red lines in words, never points or walk-away; a
// red line is always called one; a "what if" package is judged by the formal moves' own test.

/** A question put to this bot: the chat line's id, who asked, and what. */
export interface Question {
  id: string;
  from: RoleId;
  /** Who the package would be offered to if proposed (for `what_if`): the channel's other members. */
  parties: RoleId[];
  act: Exclude<TalkAct, { kind: 'reply' }>;
}

export interface Answer {
  text: string;
  verdict?: TalkVerdict;
  /** For the facilitator only: why the bot said this. */
  reason: string;
  /** For `what_if`: the package the verdict is about, as a formal offer would carry it. */
  terms?: Terms;
}

type Issue = PublicScenario['issues'][number];

/** The bot's answer to one question. Pure: same view, scenario, strategy and question, same answer. */
export function answer(input: BotInput, q: Question): Answer {
  const c = context(input);
  const tone = toneOf(trustBetween(input.view, input.scenario, c.me.id, q.from));
  const say = (key: Parameters<typeof line>[2], vars: Record<string, string> = {}) =>
    line(c.s, c.me.id, key, { me: roleName(c.s, c.me.id), role: roleName(c.s, q.from), ...vars }, `${q.id}|${c.me.id}`);
  const open = say(tone === 'warm' ? 'open_warm' : tone === 'cool' ? 'open_cool' : 'open_plain');
  const r =
    q.act.kind === 'need'
      ? need(c, tone, q.act.issue, say)
      : q.act.kind === 'live_with'
        ? liveWith(c, tone, q.act.issue, q.act.option, say)
        : q.act.kind === 'in_return'
          ? inReturn(c, tone, q, q.act.issue, q.act.option, say)
          : whatIf(c, tone, q, q.act.terms, say);
  const text = [open, ...r.lines].filter(Boolean).join(' ');
  return { text, verdict: r.verdict, reason: `Trust with ${q.from} reads ${tone}. ${r.reason}`, terms: r.terms };
}

type Say = (key: Parameters<typeof line>[2], vars?: Record<string, string>) => string;
type Part = { lines: string[]; verdict?: TalkVerdict; reason: string; terms?: Terms };

export function roleName(s: PublicScenario, id: RoleId): string {
  return s.roles.find((r) => r.id === id)?.name ?? id;
}

function issueOf(s: PublicScenario, id: string): Issue {
  const i = s.issues.find((x) => x.id === id);
  if (!i) throw new Error(`No issue ${id}`);
  return i;
}

export function label(s: PublicScenario, issue: string, option: string): string {
  return issueOf(s, issue).options.find((o) => o.id === option)?.label ?? option;
}

export function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The issue's weight for this delegation: the spread of its points across the options. */
function spread(me: Self, issue: Issue): number {
  const v = issue.options.map((o) => pts(me, issue.id, o.id));
  return Math.max(...v) - Math.min(...v);
}

/** How much an issue matters, in words: the top third of its issues by weight, the middle, or the rest. */
export function priority(me: Self, s: PublicScenario, issue: string): 'high' | 'mid' | 'low' {
  const ranked = [...s.issues].sort((a, b) => spread(me, b) - spread(me, a)).map((i) => i.id);
  const k = ranked.indexOf(issue) / Math.max(1, ranked.length);
  return k < 1 / 3 ? 'high' : k < 2 / 3 ? 'mid' : 'low';
}

/** Where an option sits in this delegation's own range on the issue, 0 (worst it may accept) to 1 (best). */
function share(me: Self, issue: string, option: string): number {
  const hi = me.hi[issue] ?? 0;
  const lo = me.lo[issue] ?? 0;
  return hi - lo < 1e-9 ? 1 : (pts(me, issue, option) - lo) / (hi - lo);
}

function redOptions(me: Self, issue: Issue): string[] {
  return issue.options.filter((o) => crosses(me, issue.id, o.id)).map((o) => o.label);
}

function need(c: Ctx, tone: Tone, id: string, say: Say): Part {
  const issue = issueOf(c.s, id);
  const p = priority(c.me, c.s, id);
  const lines = [
    say(p === 'high' ? 'priority_high' : p === 'mid' ? 'priority_mid' : 'priority_low', { issue: issue.title }),
  ];
  const best = bestOption(c.me, issue);
  if (tone !== 'cool') lines.push(say('want', { option: label(c.s, id, best), issue: issue.title }));
  if (tone === 'warm') {
    const also = allowed(c.me, issue)
      .filter((o) => o !== best && share(c.me, id, o) >= 0.5)
      .map((o) => label(c.s, id, o));
    if (also.length) lines.push(say('could_live', { options: listing(also), issue: issue.title }));
  }
  const red = redOptions(c.me, issue);
  if (red.length) lines.push(say('red_lines', { options: listing(red), issue: issue.title }));
  else if (tone === 'cool') lines.push(say('guarded', { issue: issue.title }));
  return { lines, reason: `${issue.title}: priority ${p}, best option ${best}, ${red.length} red line(s).` };
}

function liveWith(c: Ctx, tone: Tone, id: string, option: string, say: Say): Part {
  const issue = issueOf(c.s, id);
  const vars = { issue: issue.title, option: label(c.s, id, option) };
  if (crosses(c.me, id, option))
    return { lines: [say('red_line', vars)], verdict: 'red_line', reason: `${id}.${option} is a red line.` };
  const f = share(c.me, id, option);
  const why = `${id}.${option} sits at ${f.toFixed(2)} of our range on the issue; aspiration ${c.a.toFixed(2)}.`;
  if (f >= c.a - 0.02) return { lines: [say('live_yes', vars)], verdict: 'yes', reason: why };
  if (tone === 'cool' && f < 0.25) return { lines: [say('live_no', vars)], verdict: 'no', reason: why };
  const lines = [say('live_maybe', vars)];
  if (tone === 'warm') lines.push(say('want', { option: label(c.s, id, bestOption(c.me, issue)), issue: issue.title }));
  return { lines, verdict: 'change', reason: why };
}

/** What the asker would most likely give: per open issue, the option the opponent model thinks it likes best. */
function theirIdeal(c: Ctx, who: RoleId, issue: Issue): string {
  return issue.options.reduce(
    (b, o) => (appeal(c.model, [who], c.s, issue.id, o.id) > appeal(c.model, [who], c.s, issue.id, b) ? o.id : b),
    issue.options[0].id,
  );
}

function inReturn(c: Ctx, tone: Tone, q: Question, id: string, option: string, say: Say): Part {
  const issue = issueOf(c.s, id);
  const vars = { issue: issue.title, option: label(c.s, id, option) };
  if (crosses(c.me, id, option))
    return { lines: [say('red_line', vars)], verdict: 'red_line', reason: `${id}.${option} is a red line.` };
  const cost = pts(c.me, id, bestOption(c.me, issue)) - pts(c.me, id, option);
  if (cost <= 0)
    return { lines: [say('return_free', vars)], verdict: 'yes', reason: `${id}.${option} is already our best.` };
  // Asks: open issues the asker signs, our best option there, gaining us most for least cost to them.
  const asks = c.s.issues
    .filter(
      (i) => i.id !== id && !c.view.clauses[i.id] && i.signatories.includes(q.from) && allowed(c.me, i).length > 0,
    )
    .map((i) => {
      const mine = bestOption(c.me, i);
      const theirs = theirIdeal(c, q.from, i);
      const gain = pts(c.me, i.id, mine) - pts(c.me, i.id, theirs);
      const hurt = Math.max(
        0,
        appeal(c.model, [q.from], c.s, i.id, theirs) - appeal(c.model, [q.from], c.s, i.id, mine),
      );
      return { issue: i, option: mine, gain, score: gain / (0.2 + hurt) };
    })
    .filter((x) => x.gain > 0)
    .sort((a, b) => b.score - a.score);
  if (!asks.length || (tone === 'cool' && asks.length < 2))
    return {
      lines: [say('return_guarded', vars)],
      verdict: 'change',
      reason: `Costs us ${cost > 0 ? 'ground' : 'nothing'}; nothing clear to ask.`,
    };
  const picked: typeof asks = [];
  let got = 0;
  for (const a of asks) {
    if (
      picked.length >= (tone === 'cool' ? 2 : tone === 'warm' ? 1 : 2) ||
      (got >= cost && picked.length >= (tone === 'cool' ? 2 : 1))
    )
      break;
    picked.push(a);
    got += a.gain;
  }
  const ask = listing(picked.map((a) => `${label(c.s, a.issue.id, a.option)} on ${a.issue.title}`));
  return {
    lines: [say('return_ask', { ...vars, ask })],
    verdict: 'change',
    reason: `Conceding ${id}.${option} costs ${cost}; asking ${picked.map((a) => `${a.issue.id}.${a.option} (+${a.gain})`).join(', ')}.`,
  };
}

/** The floated package as the formal offer it would become: from the asker to the channel's other members. */
function probe(c: Ctx, q: Question, terms: Terms): Offer {
  const to = q.parties.includes(c.me.id) ? q.parties : [...q.parties, c.me.id];
  return {
    id: `talk:${q.id}`,
    from: q.from,
    to,
    terms,
    inReturn: null,
    note: '',
    round: c.view.round,
    status: 'open',
    answers: {},
    counterTo: null,
  };
}

/**
 * Sounding out a package with the formal moves' own acceptance test (`acceptable` in bot.ts, with no
 * other yeses yet): acceptable now; else the one change (one issue's option) that makes it acceptable
 * and costs the asker least by our opponent model; else no. A red line is always named.
 */
function whatIf(c: Ctx, tone: Tone, q: Question, terms: Terms, say: Say): Part {
  for (const [id, o] of Object.entries(terms))
    if (crosses(c.me, id, o))
      return {
        lines: [say('whatif_red', { issue: issueOf(c.s, id).title, option: label(c.s, id, o) })],
        verdict: 'red_line',
        reason: `${id}.${o} is a red line.`,
        terms,
      };
  const f = acceptable(c, probe(c, q, terms), 0);
  if (f !== null)
    return {
      lines: [say('whatif_yes')],
      verdict: 'yes',
      reason: `Reaches ${f.toFixed(2)} of our range against aspiration ${c.a.toFixed(2)}: we would accept it as a formal offer now.`,
      terms,
    };
  let best: { id: string; o: string; loss: number } | null = null;
  for (const id of Object.keys(terms)) {
    const issue = issueOf(c.s, id);
    for (const o of allowed(c.me, issue)) {
      if (o === terms[id] || acceptable(c, probe(c, q, { ...terms, [id]: o }), 0) === null) continue;
      const loss =
        appeal(c.model, [q.from], c.s, id, terms[id]) - appeal(c.model, [q.from], c.s, id, o) - 0.01 * pts(c.me, id, o);
      if (!best || loss < best.loss) best = { id, o, loss };
    }
  }
  if (!best)
    return {
      lines: [say('whatif_no')],
      verdict: 'no',
      reason: `Below aspiration ${c.a.toFixed(2)}, and no one change reaches it.`,
      terms,
    };
  const vars = { issue: issueOf(c.s, best.id).title, option: label(c.s, best.id, best.o) };
  const reason = `Below aspiration ${c.a.toFixed(2)}; ${best.id}.${best.o} instead would make it acceptable.`;
  // Low trust: the bot names the sticking point but keeps its exact price to itself.
  if (tone === 'cool') return { lines: [say('whatif_closed', vars)], verdict: 'change', reason, terms };
  return { lines: [say('whatif_change', vars)], verdict: 'change', reason, terms: { ...terms, [best.id]: best.o } };
}
