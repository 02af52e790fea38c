import { lapseOffers, own, writableOffer } from './draft.js';
import { gameError } from './errors.js';
import { applyEffects, isRefused, isRole, issueOf, optionLabel, roleName, roleOf } from './lookup.js';
import { crossesRedLine, type Mine, type Rules, type Table } from './predicates.js';
import { pullLever } from './levers.js';
import { log } from './phases.js';
import type { Ctx, GameError, GameState, Offer, RoleId, Seat, Terms } from './types.js';
import { NOTE_MAX } from './types.js';

type Draft = { to: RoleId[]; terms: Terms; inReturn?: { role: RoleId; lever: string } | null; note?: string };

/** Checks a package `mine` proposes (or counters with); returns an error or null. */
export function checkProposal(t: Pick<Table, 'refusals' | 'clauses' | 'spentLevers'>, s: Rules, mine: Mine, d: Draft): GameError | null {
  const from = mine.id;
  const to = d.to;
  if (to.length === 0) return gameError('offer/bad_recipient', 'Name at least one delegation to send the offer to.');
  if (new Set(to).size !== to.length) return gameError('offer/bad_recipient', 'A delegation is named twice among the recipients.');
  for (const r of to) {
    if (!isRole(s, r)) return gameError('offer/bad_recipient', `There is no delegation called "${r}".`);
    if (r === from) return gameError('offer/bad_recipient', 'You cannot send an offer to yourself.');
    if (isRefused(t, from, r))
      return gameError('offer/channel_refused', `${roleName(s, from)} and ${roleName(s, r)} do not talk directly: one has refused the channel.`);
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
      return gameError('offer/no_signatory', `None of the parties to this offer signs ${issue.title}; include ${issue.signatories.map((r) => roleName(s, r)).join(', ')}.`);
    if (crossesRedLine(mine, issueId, option))
      return gameError('offer/red_line', `Your delegation can never agree to "${optionLabel(s, issueId, option)}": it is one of your red lines.`);
  }
  if (d.inReturn) {
    const { role, lever } = d.inReturn;
    const r = roleOf(s, role);
    if (!r || !to.includes(role)) return gameError('offer/bad_return', 'What you ask in return must come from one of the recipients.');
    if (!r.levers.some((l) => l.id === lever)) return gameError('offer/bad_return', `${r.name} has no lever called "${lever}".`);
    if (t.spentLevers[role]?.includes(lever))
      return gameError('offer/bad_return', `${r.name} has no uses left of that lever.`);
  }
  if ((d.note ?? '').length > NOTE_MAX) return gameError('action/invalid', `A note on an offer may be at most ${NOTE_MAX} characters.`);
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
  };
  own(state, 'offers').push(offer);
  const s = ctx.scenario;
  const what = Object.entries(offer.terms).map(([i, o]) => `${issueOf(s, i)?.title}: ${optionLabel(s, i, o)}`).join('; ');
  const verb = counterTo ? 'makes a counter-offer to' : 'proposes to';
  log(state, ctx, from, counterTo ? 'counter' : 'propose', `${roleName(s, from)} ${verb} ${offer.to.map((r) => roleName(s, r)).join(', ')}: ${what}.`, [from, ...offer.to]);
  return offer;
}

/** Finds an open offer addressed to `seat` that it has not answered yet. */
export function findAnswerable(t: Pick<Table, 'offers'>, seat: Seat, id: string): { offer: Offer } | { error: GameError } {
  const offer = t.offers.find((o) => o.id === id);
  if (!offer || (offer.from !== seat && !offer.to.includes(seat))) return { error: gameError('offer/unknown', `There is no offer "${id}" for you.`) };
  if (offer.status !== 'open') return { error: gameError('offer/not_open', `That offer is no longer open (it was ${offer.status}).`) };
  if (!offer.to.includes(seat)) return { error: gameError('offer/not_recipient', 'Only the recipients of an offer can answer it.') };
  if (offer.answers[seat]) return { error: gameError('offer/already_answered', 'You have already answered that offer.') };
  return { offer };
}

/** Checks that `mine` may accept this offer (found with findAnswerable); returns an error or null. */
export function checkAccept(t: Pick<Table, 'clauses' | 'spentLevers'>, s: Rules, mine: Mine, offer: Offer): GameError | null {
  const seat = mine.id;
  for (const [issueId, option] of Object.entries(offer.terms)) {
    if (crossesRedLine(mine, issueId, option))
      return gameError('offer/red_line', `Your delegation can never agree to "${optionLabel(s, issueId, option)}": it is one of your red lines.`);
    const c = t.clauses[issueId];
    if (c && c.option !== option) return gameError('offer/issue_settled', `${issueOf(s, issueId)?.title} has meanwhile been settled on another option.`);
  }
  if (offer.inReturn) {
    // The lever asked in return may have been used up since the offer was made.
    const { role: owner, lever: leverId } = offer.inReturn;
    const lever = roleOf(s, owner)!.levers.find((l) => l.id === leverId)!;
    if (t.spentLevers[owner]?.includes(leverId))
      return owner === seat
        ? gameError('lever/used_up', `Accepting would pull "${lever.label}", and you have no uses of it left.`)
        : gameError('lever/used_up', `${roleName(s, owner)} has no uses left of "${lever.label}", which this offer asks in return.`);
  }
  return null;
}

/** Records an acceptance; when every recipient has accepted, the parties' acceptances count toward clauses. */
export function acceptOffer(state: GameState, ctx: Ctx, seat: RoleId, accepted: Offer): void {
  const s = ctx.scenario;
  const offer = writableOffer(state, accepted.id);
  own(offer, 'answers')[seat] = 'accepted';
  log(state, ctx, seat, 'accept', `${roleName(s, seat)} accepts the offer from ${roleName(s, offer.from)}.`, [offer.from, ...offer.to]);
  if (!offer.to.every((r) => offer.answers[r] === 'accepted')) return;
  offer.status = 'accepted';
  for (const [issueId, option] of Object.entries(offer.terms)) {
    if (state.clauses[issueId]) continue;
    const acc = own(own(state, 'acceptances'), issueId);
    for (const r of [offer.from, ...offer.to]) acc[r] = option;
  }
  if (offer.inReturn) pullLever(state, ctx, offer.inReturn.role, offer.inReturn.lever);
  settle(state, ctx, Object.keys(offer.terms));
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
  // Sequencing (seed 000): territory locked before the guarantee costs Ukraine's support and durability.
  const q = s.mechanics.sequencing;
  if (q && settledNow.includes(q.later) && !state.clauses[q.first] && !state.sequencingBroken) {
    state.sequencingBroken = true;
    applyEffects(s, state, { [q.meter]: q.meterDelta });
    log(state, ctx, 'system', 'sequencing', `${issueOf(s, q.later)?.title} was settled before ${issueOf(s, q.first)?.title}: ${roleName(s, q.role)}'s public turns against the deal.`);
  }
  // Offers that can no longer be carried out lapse.
  lapseOffers(state, (o) => o.status === 'open' && Object.entries(o.terms).some(([i, opt]) => state.clauses[i] && state.clauses[i].option !== opt));
}
