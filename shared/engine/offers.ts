import type { Scenario } from '../scenario/schema.js';
import { lapseOffers, own, writableOffer } from './draft.js';
import { gameError } from './errors.js';
import { applyEffects, isRole, issueOf, optionLabel, roleName, roleOf, shiftWalkAway } from './lookup.js';
import { answerRefusal, crossesRedLine, type Mine, type Rules, type Table } from './predicates.js';
import { frameworkComplete, mandateRefusal, refusedPair, summitOpen, tell } from './mechanics.js';
import { NO_RECORD } from './create.js';
import { endGame } from './phases.js';
import { pullLever } from './levers.js';
import { log } from './phases.js';
import type { Ctx, GameError, GameState, Offer, RoleId, Seat, Terms } from './types.js';
import { NOTE_MAX } from './types.js';

type Draft = {
  to: RoleId[];
  terms: Terms;
  inReturn?: { role: RoleId; lever: string } | null;
  note?: string;
  summit?: boolean;
};

/** Checks a package `mine` proposes (or counters with); returns an error or null. */
export function checkProposal(
  t: Pick<Table, 'refusals' | 'clauses' | 'spentLevers' | 'record'>,
  s: Rules,
  mine: Mine,
  d: Draft,
): GameError | null {
  const from = mine.id;
  const to = d.to;
  if (to.length === 0) return gameError('offer/bad_recipient', 'Name at least one delegation to send the offer to.');
  if (new Set(to).size !== to.length)
    return gameError('offer/bad_recipient', 'A delegation is named twice among the recipients.');
  for (const r of to) {
    if (!isRole(s, r)) return gameError('offer/bad_recipient', `There is no delegation called "${r}".`);
    if (r === from) return gameError('offer/bad_recipient', 'You cannot send an offer to yourself.');
  }
  // Formats (seed 001): two delegations that refused each other never sit in one offer, unless the relay carries it.
  const pair = refusedPair(s, t.refusals, from, to, !!d.summit);
  if (pair) {
    const relay = s.mechanics.formats?.relay;
    const via =
      relay && !pair.includes(from) ? '' : relay ? ` ${roleName(s, relay)} can carry an offer between them.` : '';
    return gameError(
      'offer/channel_refused',
      `${roleName(s, pair[0])} and ${roleName(s, pair[1])} do not sit at one table: one has refused the channel.${via}`,
    );
  }
  if (d.summit) {
    // The leaders' channel (seeds 001, 003): experts first, documents next, leaders last.
    if (!summitOpen(s, t)) {
      const l = s.mechanics.leaders;
      return gameError(
        'offer/too_early',
        l
          ? `The leaders meet once the working groups have settled ${l.prepared} clauses (and only once).`
          : "This scenario has no leaders' channel.",
      );
    }
    if (to.length !== s.roles.length - 1)
      return gameError('offer/bad_recipient', 'A summit offer goes to every other delegation.');
  }
  const issues = Object.keys(d.terms);
  if (issues.length === 0) return gameError('offer/empty', 'An offer must propose an option on at least one issue.');
  for (const issueId of issues) {
    const issue = issueOf(s, issueId);
    if (!issue) return gameError('offer/unknown_issue', `There is no issue called "${issueId}" on the agenda.`);
    const option = d.terms[issueId];
    if (!issue.options.some((o) => o.id === option))
      return gameError('offer/unknown_option', `"${option}" is not an option on ${issue.title}.`);
    if (t.clauses[issueId]) return gameError('offer/issue_settled', `${issue.title} is already settled.`);
    if (![from, ...to].some((r) => issue.signatories.includes(r)))
      return gameError(
        'offer/no_signatory',
        `None of the parties to this offer signs ${issue.title}; include ${issue.signatories.map((r) => roleName(s, r)).join(', ')}.`,
      );
    if (crossesRedLine(mine, issueId, option))
      return gameError(
        'offer/red_line',
        `Your delegation can never agree to "${optionLabel(s, issueId, option)}": it is one of your red lines.`,
      );
  }
  if (d.inReturn) {
    const { role, lever } = d.inReturn;
    const r = roleOf(s, role);
    if (!r || !to.includes(role))
      return gameError('offer/bad_return', 'What you ask in return must come from one of the recipients.');
    if (!r.levers.some((l) => l.id === lever))
      return gameError('offer/bad_return', `${r.name} has no lever called "${lever}".`);
    if (t.spentLevers[role]?.includes(lever))
      return gameError('offer/bad_return', `${r.name} has no uses left of that lever.`);
  }
  if ((d.note ?? '').length > NOTE_MAX)
    return gameError('action/invalid', `A note on an offer may be at most ${NOTE_MAX} characters.`);
  return null;
}

export function addOffer(state: GameState, ctx: Ctx, from: RoleId, d: Draft, counterTo: string | null): Offer {
  const offer: Offer = {
    id: `o${state.nextPrivateId++}`,
    from,
    to: [...d.to],
    terms: { ...d.terms },
    inReturn: d.inReturn ? { ...d.inReturn } : null,
    note: d.note ?? '',
    round: state.round,
    status: 'open',
    answers: {},
    counterTo,
    ...(d.summit ? { summit: true } : {}),
  };
  own(state, 'offers').push(offer);
  if (d.summit) state.record = { ...(state.record ?? NO_RECORD), summit: true };
  const s = ctx.scenario;
  const what = Object.entries(offer.terms)
    .map(([i, o]) => `${issueOf(s, i)?.title}: ${optionLabel(s, i, o)}`)
    .join('; ');
  const verb = counterTo ? 'makes a counter-offer to' : 'proposes to';
  log(
    state,
    ctx,
    from,
    counterTo ? 'counter' : 'propose',
    `${roleName(s, from)} ${verb} ${offer.to.map((r) => roleName(s, r)).join(', ')}: ${what}.`,
    [from, ...offer.to],
  );
  return offer;
}

/** Finds an open offer addressed to `seat` that it has not answered yet. */
export function findAnswerable(
  t: Pick<Table, 'offers'>,
  seat: Seat,
  id: string,
): { offer: Offer } | { error: GameError } {
  const offer = t.offers.find((o) => o.id === id);
  if (!offer || (offer.from !== seat && !offer.to.includes(seat)))
    return { error: gameError('offer/unknown', `There is no offer "${id}" for you.`) };
  const refused = answerRefusal(offer, seat);
  return refused ? { error: refused } : { offer };
}

/** Checks that `mine` may accept this offer (found with findAnswerable); returns an error or null. */
export function checkAccept(
  t: Pick<Table, 'clauses' | 'spentLevers'>,
  s: Rules,
  mine: Mine,
  offer: Offer,
): GameError | null {
  const seat = mine.id;
  for (const [issueId, option] of Object.entries(offer.terms)) {
    if (crossesRedLine(mine, issueId, option))
      return gameError(
        'offer/red_line',
        `Your delegation can never agree to "${optionLabel(s, issueId, option)}": it is one of your red lines.`,
      );
    const c = t.clauses[issueId];
    if (c && c.option !== option)
      return gameError(
        'offer/issue_settled',
        `${issueOf(s, issueId)?.title} has meanwhile been settled on another option.`,
      );
  }
  if (offer.inReturn) {
    // The lever asked in return may have been used up since the offer was made.
    const { role: owner, lever: leverId } = offer.inReturn;
    const lever = roleOf(s, owner)!.levers.find((l) => l.id === leverId)!;
    if (t.spentLevers[owner]?.includes(leverId))
      return owner === seat
        ? gameError('lever/used_up', `Accepting would pull "${lever.label}", and you have no uses of it left.`)
        : gameError(
            'lever/used_up',
            `${roleName(s, owner)} has no uses left of "${lever.label}", which this offer asks in return.`,
          );
  }
  return null;
}

/** Records an acceptance; when every recipient has accepted, the parties' acceptances count toward clauses. */
export function acceptOffer(state: GameState, ctx: Ctx, seat: RoleId, accepted: Offer): void {
  const s = ctx.scenario;
  const offer = writableOffer(state, accepted.id);
  own(offer, 'answers')[seat] = 'accepted';
  log(state, ctx, seat, 'accept', `${roleName(s, seat)} accepts the offer from ${roleName(s, offer.from)}.`, [
    offer.from,
    ...offer.to,
  ]);
  if (!offer.to.every((r) => offer.answers[r] === 'accepted')) return;
  offer.status = 'accepted';
  for (const [issueId, option] of Object.entries(offer.terms)) {
    if (state.clauses[issueId]) continue;
    const acc = own(own(state, 'acceptances'), issueId);
    for (const r of [offer.from, ...offer.to]) acc[r] = option;
  }
  excludedParty(state, ctx, offer);
  if (offer.inReturn) pullLever(state, ctx, offer.inReturn.role, offer.inReturn.lever);
  settle(state, ctx, Object.keys(offer.terms));
  // A summit offer accepted by all: the leaders sign the complete text on the spot.
  if (offer.summit && frameworkComplete(s.issues, state.clauses)) {
    // Ratification (seed 000): a leader without the mandate of its public cannot sign, even at the summit.
    const lacking = s.roles.map((r) => mandateRefusal(s, state.meters, r.id)).find((x) => x);
    if (lacking) {
      log(state, ctx, 'system', 'sign', `The leaders cannot sign at the summit yet. ${lacking}`);
      return;
    }
    state.signatures = s.roles.map((r) => r.id);
    log(state, ctx, 'system', 'sign', 'The leaders sign the framework agreement at the summit.');
    endGame(state, ctx, 'deal');
  }
}

/** Seed 000 (Budapest): the excluded party at the table of the `first` issue weakens the guarantee and Ukraine's support. */
function excludedParty(state: GameState, ctx: Ctx, offer: Offer): void {
  const q = ctx.scenario.mechanics.sequencing;
  const ex = q?.excluded;
  const record = state.record ?? NO_RECORD;
  if (!q || !ex || record.excludedAtFirst || !(q.first in offer.terms) || state.clauses[q.first]) return;
  if (![offer.from, ...offer.to].includes(ex.role)) return;
  state.record = { ...record, excludedAtFirst: true };
  applyEffects(ctx.scenario, state, { [q.meter]: ex.meterDelta });
  addPoliticalCost(state, ex.score);
  log(state, ctx, 'system', 'sequencing', tell(ctx.scenario.story.excluded, storyNames(ctx.scenario)));
}

function addPoliticalCost(state: GameState, cost: Record<RoleId, number>): void {
  const next = { ...(state.politicalCost ?? {}) };
  for (const [r, x] of Object.entries(cost)) next[r] = Math.round(((next[r] ?? 0) + x) * 100) / 100;
  state.politicalCost = next;
}

function storyNames(s: Scenario): Record<string, string> {
  const q = s.mechanics.sequencing;
  if (!q) return {};
  return {
    first: issueOf(s, q.first)?.title ?? q.first,
    later: issueOf(s, q.later)?.title ?? q.later,
    role: roleName(s, q.role),
    excluded: q.excluded ? roleName(s, q.excluded.role) : '',
  };
}

/** A clause settles when all its signatories have accepted the same option. */
export function settle(state: GameState, ctx: Ctx, issueIds: string[]): void {
  const s = ctx.scenario;
  const settledNow: string[] = [];
  for (const issueId of issueIds) {
    const issue = issueOf(s, issueId);
    if (!issue || state.clauses[issueId]) continue;
    const acc = state.acceptances[issueId] ?? {};
    const option = acc[issue.signatories[0]];
    if (!option || !issue.signatories.every((r) => acc[r] === option)) continue;
    const seq = Object.keys(state.clauses).length + 1;
    own(state, 'clauses')[issueId] = { issue: issueId, option, round: state.round, seq };
    settledNow.push(issueId);
    applyEffects(s, state, issue.options.find((o) => o.id === option)!.effects);
    log(state, ctx, 'system', 'settle', `Settled: ${issue.title}, "${optionLabel(s, issueId, option)}".`);
  }
  if (settledNow.length === 0) return;
  // The framework's text changed: signatures given to the old text no longer hold.
  if (state.signatures.length) {
    state.signatures = [];
    log(state, ctx, 'system', 'signatures', 'The text changed after signing began; every delegation must sign again.');
  }
  sequencing(state, ctx, settledNow);
  // Offers that can no longer be carried out lapse.
  lapseOffers(
    state,
    (o) =>
      o.status === 'open' &&
      Object.entries(o.terms).some(([i, opt]) => state.clauses[i] && state.clauses[i].option !== opt),
  );
}

/**
 * Sequencing (seed 000): `later` settled while `first` was not locked before it, alone or in the same
 * accepted package, costs `role` public support and walk-away, the deal durability, and each role its
 * political cost. The engine records the order for the debrief.
 */
function sequencing(state: GameState, ctx: Ctx, settledNow: string[]): void {
  const s = ctx.scenario;
  const q = s.mechanics.sequencing;
  if (!q) return;
  const record = state.record ?? NO_RECORD;
  if (settledNow.includes(q.first) && !settledNow.includes(q.later))
    state.record = { ...record, firstRound: state.round };
  if (!settledNow.includes(q.later)) return;
  const together = settledNow.includes(q.first);
  const firstBefore = !!state.clauses[q.first] && !together;
  const order = firstBefore ? 'first_then_later' : together ? 'together' : 'later_first';
  state.record = {
    ...(state.record ?? NO_RECORD),
    order,
    laterRound: state.round,
    firstRound: state.clauses[q.first] ? ((state.record ?? NO_RECORD).firstRound ?? state.round) : null,
  };
  if (firstBefore || state.sequencingBroken) return;
  state.sequencingBroken = true;
  applyEffects(s, state, { [q.meter]: q.meterDelta });
  shiftWalkAway(state, q.walkAway);
  addPoliticalCost(state, q.score);
  log(
    state,
    ctx,
    'system',
    'sequencing',
    tell(together ? s.story.sequencingTogether : s.story.sequencing, storyNames(s)),
  );
}
