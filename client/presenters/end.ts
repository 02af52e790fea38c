import type { Outcome } from '../../shared/engine/types.js';
import type { PublicScenario, View } from '../../shared/engine/view.js';
import { issueTitle, optionLabel, roleName, signed } from './labels.js';

export interface ScoreRow {
  role: string;
  name: string;
  color: string;
  dealPoints: number | null;
  walkAway: number;
  warCost: number;
  score: number;
  /** What walking away would have scored: walk-away less the war's cost (the engine's RoleScore.noDealScore). */
  noDealScore: number;
  /** The engine's one gain definition (score - noDealScore): above zero, the deal paid off for this delegation. */
  gain: number;
  verdict: string;
  me: boolean;
}

export interface EndModel {
  kind: Outcome['kind'];
  heading: string;
  lead: string;
  terms: { issue: string; option: string }[];
  durability: number | null;
  warResumed: boolean | null;
  sequencingBroken: boolean;
  /** One sentence on the sequencing rule from the engine's record, empty if it did not come into play. */
  sequencingText: string;
  aftermath: string[];
  scores: ScoreRow[];
  timeline: { round: number; phase: string; text: string }[];
}

const HEADINGS: Record<Outcome['kind'], string> = {
  deal: 'The framework agreement is signed',
  no_deal: 'No deal',
  ended: 'The talks were called off',
};

/** The debrief: outcome, terms, scores against walk-away values, aftermath and timeline. */
export function endModel(s: PublicScenario, v: View): EndModel | null {
  const o = v.outcome;
  if (!o) return null;
  // Each delegation against its own walk-away (never raw scores across roles): the engine's gain.
  const scores = s.roles.map((r) => {
    const sc = o.scores[r.id];
    const gain = sc.gain ?? 0;
    const noDealScore = sc.noDealScore ?? sc.score;
    return {
      role: r.id,
      name: r.name,
      color: r.color,
      dealPoints: sc.dealPoints,
      walkAway: sc.walkAway,
      warCost: sc.warCost,
      score: sc.score,
      noDealScore,
      gain,
      verdict:
        o.kind !== 'deal'
          ? '0: no deal, so the score is the walk-away value less the war cost'
          : gain > 0
            ? `${signed(gain)} over walking away`
            : gain < 0
              ? `${signed(gain)} under walking away`
              : 'the same as walking away',
      me: r.id === v.seat,
    };
  });
  const lead =
    o.kind === 'deal'
      ? `Signed in round ${o.round}. Estimated durability: ${o.durability}%.${o.warResumed ? ' The war resumed.' : ' The line held.'}`
      : o.kind === 'no_deal'
        ? `Round ${o.round} ended without a signed framework.`
        : `The facilitator ended the talks in round ${o.round}.`;
  return {
    kind: o.kind,
    heading: HEADINGS[o.kind],
    lead,
    terms: Object.entries(o.terms).map(([i, opt]) => ({ issue: issueTitle(s, i), option: optionLabel(s, i, opt) })),
    durability: o.durability,
    warResumed: o.warResumed,
    sequencingBroken: o.sequencingBroken,
    sequencingText: sequencingText(s, o),
    aftermath: o.aftermath,
    scores,
    timeline: v.timeline.map((t) => ({
      round: t.round,
      phase: t.phase,
      text:
        t.seat === 'system' || t.text.startsWith(roleName(s, t.seat)) ? t.text : `${roleName(s, t.seat)}: ${t.text}`,
    })),
  };
}

/** The sequencing rule as the engine recorded it, in the scenario's own titles. */
function sequencingText(s: PublicScenario, o: Outcome): string {
  const q = s.mechanics.sequencing;
  if (!q || !o.record) return '';
  const parts: string[] = [];
  const [first, later] = [issueTitle(s, q.first), issueTitle(s, q.later)];
  if (o.record.order === 'together')
    parts.push(`${later} was settled in the same package as ${first}, not after it, which weakened the deal.`);
  else if (o.record.order === 'later_first')
    parts.push(`${later} was settled before ${first} was locked, which weakened the deal.`);
  else if (o.record.order === 'first_then_later') parts.push(`${first} was locked before ${later}.`);
  if (o.record.excludedAtFirst && q.excluded)
    parts.push(`${roleName(s, q.excluded.role)} was a party to ${first}, which weakened the guarantee.`);
  return parts.join(' ');
}
