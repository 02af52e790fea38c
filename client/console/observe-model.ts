import type { PrivateInfo, PublicScenario, View } from '../../shared/engine/view.js';
import { parseRedLineKey } from '../../shared/engine/predicates.js';
import type { BotNote } from '../../shared/protocol.js';
import { issueTitle, optionLabel, PHASE_LABELS, roleName } from '../presenters/labels.js';
import { channels, messages } from '../presenters/talks.js';
import { mmss } from '../presenters/timer.js';

// What the facilitator sees when observing one table: every delegation's private information,
// every offer and every channel. Plain functions over the facilitator's view.

export interface DelegationModel {
  id: string;
  name: string;
  color: string;
  walkAway: number;
  /** Points of the clauses settled so far, to this delegation. */
  settledPoints: number;
  brief: string;
  interests: string[];
  priorities: string[];
  redLines: string[];
  domesticFear: string;
  levers: { label: string; used: number; uses: number }[];
  /** Where this delegation stands in the current round. */
  state: string[];
  /** A bot plays this delegation now. */
  bot: boolean;
  /** A bot may be let in: the seat is empty or its player is away (never over a present student). */
  botAllowed: boolean;
  /** Who holds the seat, in words: "a student is here", "empty", "student away"... */
  seatText: string;
}

export interface OfferModel {
  id: string;
  round: number;
  from: string;
  to: string;
  terms: string;
  status: string;
  note: string;
  /** Offers among some delegations only. */
  private: boolean;
  /** What the offered terms are worth to each delegation (role id -> points). */
  value: { role: string; name: string; points: number }[];
}

export interface ObserveModel {
  status: string;
  /** The game runs (bots can still be put in or taken out). */
  live: boolean;
  delegations: DelegationModel[];
  clauses: string[];
  offers: OfferModel[];
  channels: { id: string; label: string; messages: { from: string; text: string; round: number }[] }[];
  /** `to`: the delegations a private line was for (the engine words it to them: "Your walk-away value moves..."). */
  timeline: { round: number; text: string; private: boolean; to: string }[];
  /** The bots' reasons for their moves and their lines in the talks (`where`: the channel, '' for a move), newest first: the public line and the private reasoning. */
  botNotes: { round: number; who: string; reason: string; reasoning: string; where: string }[];
}

export interface Extras {
  bots?: string[];
  /** Each delegation's seat status (free, present, reconnecting, absent), from the table's public state. */
  seats?: Record<string, string>;
  notes?: BotNote[];
}

const SEAT_FREE_FOR_BOT = new Set(['free', 'absent']);
const SEAT_TEXT: Record<string, string> = {
  free: 'empty seat',
  present: 'a student is here',
  reconnecting: 'student reconnecting',
  absent: 'student away',
};

/** "2 of 2 uses left", as the players' Levers tab says it. */
export function usesLeft(used: number, uses: number): string {
  return `${Math.max(0, uses - used)} of ${uses} use${uses > 1 ? 's' : ''} left`;
}

function termsValue(p: PrivateInfo, terms: Record<string, string>): number {
  return Object.entries(terms).reduce((sum, [issue, option]) => sum + (p.role.points[issue]?.[option] ?? 0), 0);
}

function termsText(s: PublicScenario, terms: Record<string, string>): string {
  return Object.entries(terms)
    .map(([issue, option]) => `${issueTitle(s, issue)}: ${optionLabel(s, issue, option)}`)
    .join('; ');
}

export function timerText(v: View, now: number): string {
  const ms = v.deadline !== null ? Math.max(0, v.deadline - now) : v.pausedLeft;
  if (ms === null) return 'no timer';
  return `${mmss(ms / 1000)} left`;
}

/** The whole table as the facilitator sees it; `now` is the server clock. */
export function observeModel(
  s: PublicScenario,
  v: View,
  now: number,
  extras: Extras = {},
  lastMessages = 30,
): ObserveModel {
  const all = v.all ?? {};
  const settled = Object.fromEntries(Object.values(v.clauses).map((c) => [c.issue, c.option]));
  const phase = PHASE_LABELS[v.phase];
  const status = [
    phase,
    v.round ? `round ${v.round} of ${v.rounds}` : null,
    v.paused ? 'paused' : null,
    v.phase !== 'setup' && v.phase !== 'ended' ? timerText(v, now) : null,
    v.turn ? `${roleName(s, v.turn)} to move` : null,
  ].filter(Boolean);
  const delegations = s.roles.map((r) => {
    const p = all[r.id];
    const c = p?.role.confidential;
    const state = [
      v.moved.includes(r.id) ? 'has moved' : null,
      v.ready.includes(r.id) ? 'ready' : null,
      v.signatures.includes(r.id) ? 'signed' : null,
    ].filter((x): x is string => x !== null);
    return {
      id: r.id,
      name: r.name,
      color: r.color,
      walkAway: p?.walkAwayNow ?? 0,
      settledPoints: p ? termsValue(p, settled) : 0,
      brief: c?.brief ?? '',
      interests: c?.interests ?? [],
      priorities: c?.priorities ?? [],
      redLines: (p?.role.redLines ?? []).map((x) => {
        const [issue, option] = parseRedLineKey(x);
        return `${issueTitle(s, issue)}: ${optionLabel(s, issue, option)}`;
      }),
      domesticFear: c?.domesticFear ?? '',
      levers: (p?.role.levers ?? []).map((l) => ({ label: l.label, used: p?.leversUsed[l.id] ?? 0, uses: l.uses })),
      state,
      bot: extras.bots?.includes(r.id) ?? false,
      botAllowed: SEAT_FREE_FOR_BOT.has(extras.seats?.[r.id] ?? 'free'),
      seatText: SEAT_TEXT[extras.seats?.[r.id] ?? 'free'] ?? '',
    };
  });
  const offers = [...v.offers].reverse().map((o) => ({
    id: o.id,
    round: o.round,
    from: roleName(s, o.from),
    to: o.to.map((t) => roleName(s, t)).join(', '),
    terms: termsText(s, o.terms),
    status: o.status,
    note: o.note,
    private: o.to.length + 1 < s.roles.length,
    value: s.roles.map((r) => ({ role: r.id, name: r.name, points: all[r.id] ? termsValue(all[r.id], o.terms) : 0 })),
  }));
  const labels = channels(s, v, {});
  const chans = labels
    .filter((c) => c.count > 0)
    .map((c) => ({
      id: c.id,
      label: c.label,
      messages: messages(s, v, c.id)
        .slice(-lastMessages)
        .map((m) => ({ from: m.from, text: m.text, round: m.round })),
    }));
  return {
    status: status.join(' · '),
    live: v.phase !== 'ended',
    delegations,
    clauses: Object.values(v.clauses)
      .sort((a, b) => a.seq - b.seq)
      .map((c) => `${issueTitle(s, c.issue)}: ${optionLabel(s, c.issue, c.option)} (round ${c.round})`),
    offers,
    channels: chans,
    timeline: v.timeline
      .slice(-lastMessages)
      .reverse()
      .map((t) => ({
        round: t.round,
        text: t.text,
        private: t.audience !== null,
        to: (t.audience ?? []).map((r) => roleName(s, r)).join(', '),
      })),
    botNotes: [...(extras.notes ?? [])].reverse().map((n) => ({
      round: n.round,
      who: roleName(s, n.seat),
      reason: n.reason,
      reasoning: n.reasoning,
      where: n.channel ? (labels.find((c) => c.id === n.channel)?.label ?? n.channel) : '',
    })),
  };
}
