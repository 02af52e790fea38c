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
  /** score - walk-away: above zero, the talks paid off for this delegation. */
  vsWalkAway: number;
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
  const scores = s.roles.map((r) => {
    const sc = o.scores[r.id];
    const vs = Math.round((sc.score - sc.walkAway) * 100) / 100;
    return {
      role: r.id,
      name: r.name,
      color: r.color,
      dealPoints: sc.dealPoints,
      walkAway: sc.walkAway,
      warCost: sc.warCost,
      score: sc.score,
      vsWalkAway: vs,
      verdict: vs > 0 ? `${signed(vs)} above walking away` : vs < 0 ? `${signed(vs)} below walking away` : 'the same as walking away',
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
    aftermath: o.aftermath,
    scores,
    timeline: v.timeline.map((t) => ({ round: t.round, phase: t.phase, text: t.seat === 'system' || t.text.startsWith(roleName(s, t.seat)) ? t.text : `${roleName(s, t.seat)}: ${t.text}` })),
  };
}
