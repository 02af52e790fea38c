import type { RunningServer } from '../../server/app.js';
import type { ClassSeat } from '../../shared/class-protocol.js';
import { mandateRefusal, type RoleId, type View } from '../../shared/engine/index.js';
import type { TablePlan } from '../fixtures/debrief-plans.js';
import { errorCode, Player, until } from '../server/helpers.js';

// The tables of a class played through the protocol (colyseus.js), to the plans of
// tests/fixtures/debrief-plans.ts (which tests/shared/analysis/debrief.test.ts plays on the engine):
// one accepted package at a time, in order, then every delegation signs. The instructor's side
// (console, debrief) stays in Chromium.

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
 * step's package, accepts it when it is a recipient, or passes; after the last step, while the mandate is short,
 * the plan's levers with uses left are pulled, each on its delegation's turn, and every delegation signs (a
 * signature refused for want of the mandate, after a news card took support back, sends the table back to the
 * levers). Resolves when the plan is done (a deal, or with `sign: false` the packages settled).
 */
export async function playPlan(t: ClassTable, plan: TablePlan, maxActions = 200): Promise<void> {
  let step = 0;
  let offerId: string | null = null;
  // Ratification, by the engine's own rule: whether the mandate's delegation still lacks the support to sign.
  const rules = t.facilitator.welcomes.at(-1)!.scenario;
  const signer = rules.mechanics.mandate?.role;
  const short = (v: View) => !!signer && mandateRefusal(rules, v.meters, signer) !== null;
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
    // Then the levers that win the public back (each delegation on its turn), then the signatures.
    // A lever with uses left, by the engine's own record of spent levers.
    const usable = ([r, l]: [RoleId, string]) => !v.spentLevers[r]?.includes(l);
    if (step === plan.steps.length && short(v)) {
      if (!plan.levers.some(usable))
        throw new Error(`${t.code}: the mandate is short and the plan has no lever left to lift it`);
      if (v.phase !== 'moves') {
        await act(t, t.facilitator, { type: 'advance' });
        continue;
      }
      const turn = v.turn!;
      const mine = plan.levers.find((x) => x[0] === turn && usable(x));
      await act(t, t.byRole.get(turn)!, mine ? { type: 'lever', lever: mine[1] } : { type: 'pass' });
      continue;
    }
    if (step === plan.steps.length) {
      if (!plan.sign) return;
      const unsigned = [...t.byRole].find(([role]) => !v.signatures.includes(role));
      if (!unsigned) {
        await until(() => latest(t).phase === 'ended', `${t.code}: the deal`, 10_000);
        return;
      }
      const [role, p] = unsigned;
      const r = await p.act({ type: 'sign' });
      if (errorCode(r) === 'sign/no_mandate') {
        // The engine found the mandate short: wait until the facilitator's view shows it too, then lift it again.
        await until(() => short(latest(t)), `${t.code}: the short mandate in view`, 10_000);
        continue;
      }
      if ('error' in r) throw new Error(`${t.code} ${p.label} sign refused: ${r.error.code} ${r.error.message}`);
      await until(
        () => latest(t).signatures.includes(role) || latest(t).phase === 'ended',
        `${t.code}: ${role}'s signature`,
        10_000,
      );
      // The last signature ends the game: the deal.
      if (latest(t).phase === 'ended') return;
      continue;
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
