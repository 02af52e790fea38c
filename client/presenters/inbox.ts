import { allowed, awaitsAnswer, crossesRedLine, refusal } from '../../shared/engine/index.js';
import type { Offer } from '../../shared/engine/types.js';
import type { PublicScenario, View } from '../../shared/engine/view.js';
import { issueTitle, optionLabel, roleName } from './labels.js';
import { packageValue } from './package-value.js';

export interface OfferLine {
  issue: string;
  option: string;
  /** This seat's points for the option, when it has a delegation. */
  points: number | null;
  redLine: boolean;
}

export interface OfferModel {
  id: string;
  title: string;
  from: string;
  to: string[];
  lines: OfferLine[];
  inReturn: string | null;
  note: string;
  round: number;
  status: Offer['status'];
  statusText: string;
  answers: string;
  /** Whether this seat may answer (accept, reject, counter) right now. */
  canAnswer: boolean;
  /** When this seat may answer but the engine would refuse an accept (a red line...): why, said before any click. */
  acceptRefusal: string;
  canWithdraw: boolean;
  terms: Offer['terms'];
  counterTo: string | null;
  /** What the offer would be worth to this seat, against its walk-away value, and the durability estimate. */
  value: string;
  /** Non-empty when accepting now would break the sequencing rule: what it will cost (ask for confirmation). */
  sequencingWarning: string;
}

const STATUS: Record<Offer['status'], string> = {
  open: 'open',
  accepted: 'accepted by everyone',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  countered: 'countered',
  lapsed: 'lapsed',
};

function model(s: PublicScenario, v: View, o: Offer): OfferModel {
  // Rejecting asks exactly what any answer needs: the offer waits for ours and it is our turn.
  const canAnswer = allowed(v, s, { type: 'reject', offer: o.id });
  const me = v.me;
  const lines = Object.entries(o.terms).map(([i, opt]) => ({
    issue: issueTitle(s, i),
    option: optionLabel(s, i, opt),
    points: me ? (me.role.points[i]?.[opt] ?? 0) : null,
    redLine: !!me && crossesRedLine(me.role, i, opt),
  }));
  const answers = o.to.map((r) => `${roleName(s, r)}: ${o.answers[r] ?? 'no answer yet'}`).join('; ');
  const mine = o.from === v.seat;
  const open = o.status === 'open';
  const pv = open ? packageValue(s, v, o.terms, [o.from, ...o.to]) : null;
  return {
    id: o.id,
    title: mine
      ? `To ${o.to.map((r) => roleName(s, r)).join(', ')}`
      : `From ${roleName(s, o.from)}${
          o.to.length > 1
            ? ` (also to ${o.to
                .filter((r) => r !== v.seat)
                .map((r) => roleName(s, r))
                .join(', ')})`
            : ''
        }`,
    from: o.from,
    to: o.to,
    lines,
    inReturn: o.inReturn
      ? `In return: ${roleName(s, o.inReturn.role)} will ${leverLabel(s, o.inReturn.role, o.inReturn.lever)}`
      : null,
    note: o.note,
    round: o.round,
    status: o.status,
    statusText: STATUS[o.status],
    answers,
    canAnswer,
    acceptRefusal: canAnswer ? (refusal(v, s, { type: 'accept', offer: o.id })?.message ?? '') : '',
    canWithdraw: allowed(v, s, { type: 'withdraw', offer: o.id }),
    terms: o.terms,
    counterTo: o.counterTo,
    value: open && pv ? `${pv.sentence} ${pv.durabilityText}` : '',
    sequencingWarning: open && pv && !mine ? pv.risk.text : '',
  };
}

/** Offers this seat received and sent, newest first. */
export function inbox(s: PublicScenario, v: View): { received: OfferModel[]; sent: OfferModel[]; waiting: number } {
  const newest = [...v.offers].reverse();
  const received = newest.filter((o) => o.to.includes(v.seat)).map((o) => model(s, v, o));
  const sent = newest.filter((o) => o.from === v.seat).map((o) => model(s, v, o));
  const waiting = v.offers.filter((o) => awaitsAnswer(o, v.seat)).length;
  return { received, sent, waiting };
}

/** A lever as the offer names it: its public label, first letter lower-cased to follow "will". */
function leverLabel(s: PublicScenario, role: string, lever: string): string {
  const label = s.roles.find((r) => r.id === role)?.levers.find((l) => l.id === lever)?.label ?? lever;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
