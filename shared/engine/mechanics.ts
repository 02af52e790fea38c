// Engine predicates for the mechanics that teach the seeds' lessons (docs/rules.md). Each takes the
// narrow shapes it needs, so the engine, the bots (from their View) and the client presenters (from
// their View and the PublicScenario) all call the same rule.
import type { Terms } from './types.js';

type IssueShape = { id: string; required?: boolean };
type SignShape = { phase: string; signatures: readonly string[]; clauses: Readonly<Record<string, unknown>>; turn: string | null; moved: readonly string[] };

/** Every required clause is settled: the framework text is complete and can be signed. */
export function frameworkComplete(issues: readonly IssueShape[], clauses: Readonly<Record<string, unknown>>): boolean {
  return issues.every((i) => !i.required || !!clauses[i.id]);
}

/**
 * Whether `seat` may sign the framework now. `v.turn` is the delegation on turn in the moves phase
 * (View.turn, or currentTurn(state)). Signing is a formal move made in the seat's turn.
 */
export function canSignNow(issues: readonly IssueShape[], v: SignShape, seat: string): boolean {
  if (v.signatures.includes(seat) || !frameworkComplete(issues, v.clauses)) return false;
  return v.phase === 'moves' && v.turn === seat && !v.moved.includes(seat);
}

export type { Terms };
