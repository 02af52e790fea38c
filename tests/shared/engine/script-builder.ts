import { mandateRefusal, type Action, type ErrorCode, type Seat } from '../../../shared/engine/index.js';
import type { GameOptions } from '../../../shared/engine/create.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { liftingLevers } from '../../fixtures/debrief-plans.js';
import { Table, type Step } from './helpers.js';

/**
 * Writes a step list for runScript by playing it once: it knows whose turn it is, so a script
 * can say "b accepts" and get the passes and phase advances in between written out.
 */
export class ScriptBuilder {
  readonly steps: Step[] = [];
  readonly t: Table;
  constructor(
    readonly s: Scenario,
    readonly opts: GameOptions,
  ) {
    this.t = new Table(s, opts);
  }

  get state() {
    return this.t.state;
  }

  step(seat: Seat, action: Action, expected: ErrorCode | null = null): this {
    const r = this.t.try(seat, action);
    if (expected === null && !r.ok)
      throw new Error(`builder: ${seat} ${action.type} refused: ${r.error.code} ${r.error.message}`);
    if (expected !== null && (r.ok || r.error.code !== expected))
      throw new Error(`builder: ${seat} ${action.type} expected ${expected}, got ${r.ok ? 'ok' : r.error.code}`);
    if (r.ok) this.t.state = r.state;
    this.steps.push([seat, action, expected, this.t.now]);
    this.t.now += 1000;
    return this;
  }

  /** Advances phases (facilitator) until the moves phase. */
  toMoves(): this {
    if (this.state.phase === 'setup') this.step('facilitator', { type: 'start' });
    while (this.state.phase !== 'moves') {
      if (this.state.phase === 'ended') throw new Error('builder: the game ended');
      this.step('facilitator', { type: 'advance' });
    }
    return this;
  }

  /** `seat` makes a formal move; the seats on turn before it pass. */
  moveAs(seat: Seat, action: Action, expected: ErrorCode | null = null): this {
    for (;;) {
      this.toMoves();
      if (this.t.turn() === seat) return this.step(seat, action, expected);
      this.step(this.t.turn(), { type: 'pass' });
    }
  }

  /** The recipients accept the offer as their turns come (others pass), until it is accepted. */
  acceptAll(offerId: string): this {
    const offer = () => this.state.offers.find((o) => o.id === offerId)!;
    while (offer().status === 'open') {
      this.toMoves();
      const seat = this.t.turn();
      const mine = offer().to.includes(seat) && !offer().answers[seat];
      this.step(seat, mine ? { type: 'accept', offer: offerId } : { type: 'pass' });
    }
    if (offer().status !== 'accepted') throw new Error(`builder: offer ${offerId} ended ${offer().status}`);
    return this;
  }

  /**
   * Ratification (seed 000): while the scenario's mandate role lacks the support it needs to sign, the
   * delegations pull the levers that lift that meter (strongest first, each on its own turn; others pass).
   */
  winMandate(): this {
    const m = this.s.mechanics.mandate;
    if (!m) return this;
    const left = liftingLevers(this.s);
    while (mandateRefusal(this.s, this.state.meters, m.role) && left.length) {
      this.toMoves();
      const seat = this.t.turn();
      const i = left.findIndex(([role]) => role === seat);
      this.step(seat, i >= 0 ? { type: 'lever', lever: left.splice(i, 1)[0][1] } : { type: 'pass' });
    }
    return this;
  }

  /** Every delegation signs, in turn order, until the game ends. */
  signAll(): this {
    while (this.state.phase !== 'ended') {
      this.toMoves();
      const seat = this.t.turn();
      this.step(seat, this.state.signatures.includes(seat) ? { type: 'pass' } : { type: 'sign' });
    }
    return this;
  }
}

/** For each issue, the option with the most total points that is nobody's red line. */
export function consensusPackage(s: Scenario, issues = s.issues.map((i) => i.id)): Record<string, string> {
  const terms: Record<string, string> = {};
  for (const id of issues) {
    const issue = s.issues.find((i) => i.id === id)!;
    const ok = issue.options.filter((o) => !s.roles.some((r) => r.redLines.includes(`${id}.${o.id}`)));
    if (ok.length === 0) throw new Error(`every option of ${id} is someone's red line`);
    const total = (oid: string) => s.roles.reduce((a, r) => a + (r.points[id]?.[oid] ?? 0), 0);
    terms[id] = ok.reduce((best, o) => (total(o.id) > total(best.id) ? o : best)).id;
  }
  return terms;
}
