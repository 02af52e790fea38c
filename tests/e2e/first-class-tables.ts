import type { RunningServer } from '../../server/app.js';
import type { ClassSeat } from '../../shared/class-protocol.js';
import type { RoleId, Terms, View } from '../../shared/engine/index.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { Player, until } from '../server/helpers.js';

// The tables of a class played through the protocol (colyseus.js), as scripted in
// tests/shared/analysis/debrief.test.ts on the engine: one accepted package at a time, in order,
// then every delegation signs. The instructor's side (console, debrief) stays in Chromium.

/** One package and who agrees to it: `from` proposes it to `to`, and every recipient accepts. */
export interface PlanStep {
  from: RoleId;
  to: RoleId[];
  terms: Terms;
}

/** What a table does: its packages in order (each accepted before the next is proposed), then signs or not. */
export interface TablePlan {
  steps: PlanStep[];
  sign: boolean;
}

/**
 * The three debrief cases on a scenario with a sequencing rule (Ukraine: guarantees before territory, seed 000),
 * on the analysts' reference options for the required issues (no delegation's red line):
 * - bundled: every required issue, territory and the guarantee with it, in one package to all;
 * - territoryFirst: the other required issues, territory among them, in one package between all four;
 *   the guarantee later, without the excluded party (Russia) at its table;
 * - noDeal: nothing is agreed (the instructor ends the talks).
 */
export function debriefPlans(s: Scenario): { bundled: TablePlan; territoryFirst: TablePlan; noDeal: TablePlan } {
  const q = s.mechanics.sequencing;
  if (!q || !s.reference) throw new Error(`${s.id} has no sequencing rule or reference package`);
  const required = s.issues.filter((i) => i.required).map((i) => i.id);
  const ref = s.reference.terms;
  const pick = (ids: string[]) => Object.fromEntries(ids.map((i) => [i, ref[i]]));
  const roles = s.roles.map((r) => r.id);
  const firstIssue = s.issues.find((i) => i.id === q.first)!;
  const others = (r: RoleId) => roles.filter((x) => x !== r);
  const guarantors = firstIssue.signatories.filter((r) => r !== q.role);
  return {
    bundled: { steps: [{ from: q.role, to: others(q.role), terms: pick(required) }], sign: true },
    territoryFirst: {
      steps: [
        { from: q.role, to: others(q.role), terms: pick(required.filter((i) => i !== q.first)) },
        { from: q.role, to: guarantors, terms: pick([q.first]) },
      ],
      sign: true,
    },
    noDeal: { steps: [], sign: false },
  };
}

/** A table of a class with a client at every delegation and the facilitator's seat (with the class key). */
export interface ClassTable {
  /** The table's number in the class (1-based, as the console shows it). */
  number: number;
  code: string;
  roomId: string;
  byRole: Map<RoleId, Player>;
  facilitator: Player;
}

/** Seats `n` students through the class API (as class.html does) and connects each to its seat. */
export async function seatStudents(srv: RunningServer, classCode: string, n: number): Promise<ClassSeat[]> {
  const seats: ClassSeat[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${srv.url}/api/classes/${classCode}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Student ${i + 1}`, playerId: `student-${i + 1}` }),
    });
    if (!res.ok) throw new Error(`join ${i + 1}: ${res.status} ${await res.text()}`);
    seats.push((await res.json()) as ClassSeat);
  }
  return seats;
}

/** Connects every seat's student and the facilitator to their tables; tables by number. */
export async function connectTables(srv: RunningServer, seats: ClassSeat[], key: string): Promise<ClassTable[]> {
  const tables = new Map<string, ClassTable>();
  for (const [i, s] of seats.entries()) {
    let t = tables.get(s.tableCode);
    if (!t) {
      const facilitator = await Player.join(
        srv,
        s.roomId,
        { code: s.tableCode, role: 'facilitator', name: 'Teacher', facilitatorKey: key },
        `facilitator ${s.tableCode}`,
      );
      t = { number: s.table, code: s.tableCode, roomId: s.roomId, byRole: new Map(), facilitator };
      tables.set(s.tableCode, t);
    }
    const p = await Player.join(
      srv,
      s.roomId,
      { code: s.tableCode, role: s.role, name: s.name, playerId: `student-${i + 1}` },
      `${s.tableCode} ${s.role}`,
    );
    t.byRole.set(s.role, p);
  }
  return [...tables.values()].sort((a, b) => a.number - b.number);
}

const latest = (t: ClassTable): View => t.facilitator.view;
/** Where the table stands: every formal move or phase change moves it on. */
const at = (v: View) => `${v.round}/${v.phase}/${v.moved.join()}`;

/** Acts for `p` and waits until the facilitator's view shows the table moved on. */
async function act(t: ClassTable, p: Player, action: Parameters<Player['must']>[0]): Promise<void> {
  const before = at(latest(t));
  await p.must(action);
  await until(() => at(latest(t)) !== before, `${t.code}: ${p.label} ${action.type}`, 10_000);
}

/**
 * Plays a table's plan: the facilitator moves the phases on, the delegation on turn proposes the
 * step's package, accepts it when it is a recipient, or passes; after the last step every delegation
 * signs. Resolves when the plan is done (a deal, or with `sign: false` the packages settled).
 */
export async function playPlan(t: ClassTable, plan: TablePlan, maxActions = 200): Promise<void> {
  let step = 0;
  let offerId: string | null = null;
  for (let n = 0; n < maxActions; n++) {
    const v = latest(t);
    if (v.phase === 'ended') throw new Error(`${t.code}: the game ended before the plan was done`);
    const offer = offerId ? v.offers.find((o) => o.id === offerId) : undefined;
    if (offer?.status === 'accepted') {
      [step, offerId] = [step + 1, null];
      continue;
    }
    // Lapsed at a resolution before every recipient answered: it is proposed again.
    if (offer && offer.status !== 'open') offerId = null;
    if (step === plan.steps.length) {
      if (!plan.sign) return;
      for (const [role, p] of t.byRole) if (!v.signatures.includes(role)) await p.must({ type: 'sign' });
      await until(() => latest(t).phase === 'ended', `${t.code}: the deal`, 10_000);
      return;
    }
    if (v.phase !== 'moves') {
      await act(t, t.facilitator, { type: 'advance' });
      continue;
    }
    const s = plan.steps[step];
    const turn = v.turn!;
    const p = t.byRole.get(turn)!;
    if (!offerId && turn === s.from) {
      await act(t, p, { type: 'propose', to: s.to, terms: s.terms });
      offerId = p.view.offers.filter((o) => o.from === turn).at(-1)!.id;
    } else if (offerId && offer && offer.to.includes(turn) && !offer.answers[turn]) {
      await act(t, p, { type: 'accept', offer: offerId });
    } else {
      await act(t, p, { type: 'pass' });
    }
  }
  throw new Error(`${t.code}: the plan did not finish (round ${latest(t).round}, phase ${latest(t).phase})`);
}
