import { crossesRedLine } from '../../shared/engine/index.js';
import type { Terms } from '../../shared/engine/types.js';
import { packageDurability, sequencingRisk, type SequencingRisk } from '../../shared/engine/mechanics.js';
import type { PublicScenario, View } from '../../shared/engine/view.js';
import { optionLabel, signed } from './labels.js';

export interface PackageValue {
  /** Points of the issues in this package alone. */
  offer: number;
  /** The whole framework if this package were agreed: settled clauses, this package, then fallbacks. */
  framework: number;
  walkAway: number;
  /** framework - walkAway */
  margin: number;
  verdict: 'better' | 'worse' | 'even';
  redLines: string[];
  sentence: string;
  /** The engine's durability estimate of the framework if this package were agreed now (packageDurability). */
  durability: number;
  /** One sentence on the durability estimate. */
  durabilityText: string;
  /** The engine's sequencingRisk: whether agreeing to this package now breaks the sequencing rule, and what it costs. */
  risk: SequencingRisk;
  /** The walk-away value now and next round, the costs paid so far, and what walking away now scores (the view's own figures). */
  timeText: string;
}

/**
 * What a package is worth to the seat composing (or answering) it, against its walk-away value, with the
 * engine's durability estimate and sequencing risk for the parties to it. Null for seats without a delegation.
 */
export function packageValue(
  s: PublicScenario,
  v: View,
  terms: Terms,
  parties: readonly string[] = [v.seat],
): PackageValue | null {
  const me = v.me;
  if (!me) return null;
  const pts = (issue: string, option: string | undefined) => (option ? (me.role.points[issue]?.[option] ?? 0) : 0);
  let offer = 0;
  for (const [i, o] of Object.entries(terms)) offer += pts(i, o);
  let framework = 0;
  for (const issue of s.issues)
    framework += pts(issue.id, v.clauses[issue.id]?.option ?? terms[issue.id] ?? issue.fallback);
  offer = Math.round(offer * 100) / 100;
  framework = Math.round(framework * 100) / 100;
  const walkAway = me.walkAwayNow;
  const margin = Math.round((framework - walkAway) * 100) / 100;
  const verdict = margin > 0 ? 'better' : margin < 0 ? 'worse' : 'even';
  const redLines = Object.entries(terms)
    .filter(([i, o]) => crossesRedLine(me.role, i, o))
    .map(([i, o]) => optionLabel(s, i, o));
  const sentence =
    Object.keys(terms).length === 0
      ? 'Choose an option on at least one issue to see what the package is worth to you.'
      : `With this package the framework would be worth ${framework} to you, ${verdict === 'even' ? 'the same as' : `${signed(margin)} ${verdict === 'better' ? 'above' : 'against'}`} your walk-away value of ${walkAway}.`;
  const any = Object.keys(terms).length > 0;
  const durability = packageDurability(s, v, parties, terms);
  const risk = any
    ? sequencingRisk(s, v, parties, terms)
    : { laterBeforeFirst: false, excludedAtFirst: false, text: '' };
  const durabilityText = any ? `Estimated durability of the framework with this package: ${durability}%.` : '';
  const costs = me.politicalCost
    ? `${me.warCost} points of war cost and ${me.politicalCost} of political cost`
    : `${me.warCost} points of war cost`;
  // One walk-away figure, then what it scores: the costs come off a deal's score and a walk-away's alike.
  const timeText = `Your walk-away value is ${walkAway} now and ${me.walkAwayNext} next round. So far you have paid ${costs}; that comes off your score with or without a deal, so walking away now would score ${me.noDealNow}.`;
  return {
    offer,
    framework,
    walkAway,
    margin,
    verdict,
    redLines,
    sentence,
    durability,
    durabilityText,
    risk,
    timeText,
  };
}
