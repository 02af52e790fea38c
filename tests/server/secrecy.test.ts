import { Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/scenario/schema.js';
import type { RunningServer } from '../../server/app.js';
import { move, readyUntil, roles, type Table } from './drive.js';
import { bootServer, createTable, Player, testScenarios, requireScenario } from './helpers.js';

const SCENARIO = process.env.SECRECY_TEST_SCENARIO ?? 'ukraine_peace_talks';
const scenarios = testScenarios();
const scenario = requireScenario(scenarios, SCENARIO);
let srv: RunningServer;

// Every raw frame each client receives (messages, full states and patches), before any decoding.
const frames = new WeakMap<Room, Uint8Array[]>();
const original = (Room.prototype as unknown as { onMessageCallback: (e: MessageEvent) => void }).onMessageCallback;
(Room.prototype as unknown as { onMessageCallback: (e: MessageEvent) => void }).onMessageCallback = function (
  this: Room,
  e: MessageEvent,
) {
  const list = frames.get(this) ?? [];
  list.push(new Uint8Array(e.data as ArrayBuffer).slice());
  frames.set(this, list);
  original.call(this, e);
};

beforeAll(async () => {
  srv = await bootServer({ scenarios, rateLimit: { perSecond: 1000, burst: 1000 } });
});
afterAll(() => srv?.stop());

/** The scenario's public text: everything but the delegations' confidential briefs and levers. */
const publicText = JSON.stringify({ ...scenario, roles: scenario.roles.map((r) => r.public) });

/**
 * Every confidential text of a delegation. Short strings would match by accident, and a priority that
 * repeats a public issue title ("EU accession") is no secret as words, so both are left out.
 */
function secretsOf(r: Role): string[] {
  const c = r.confidential;
  return [
    c.brief,
    ...c.interests,
    ...c.redLinesText,
    ...c.priorities,
    c.domesticFear,
    ...r.levers.map((l) => l.description),
  ].filter((s) => s.length >= 12 && !publicText.includes(s));
}

function ownText(seat: string): string {
  const own = scenario.roles.find((r) => r.id === seat);
  return own ? JSON.stringify([own.confidential, own.levers]) : '';
}

/** Everything a client received: raw frames as text, plus the decoded messages. */
function received(p: Player): string {
  const raw = (frames.get(p.room) ?? []).map((f) => Buffer.from(f).toString('utf8')).join('\n');
  return raw + '\n' + JSON.stringify([p.views, p.welcomes, p.errors, p.acks, p.others]);
}

const bi = (a: string, b: string) => `bi:${[a, b].sort().join(':')}`;

describe(`nothing confidential crosses the wire to another seat (${SCENARIO})`, () => {
  it('every delegation and the observer receive only their own secrets', async () => {
    const created = await createTable(srv, {
      scenario: SCENARIO,
      selfStart: true,
      seed: 99,
      phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 },
    });
    const t: Table = { scenario, byRole: new Map() };
    for (const r of scenario.roles)
      t.byRole.set(
        r.id,
        await Player.join(srv, created.roomId, { role: r.id, name: `Delegate ${r.id}`, playerId: `pid-${r.id}` }),
      );
    const observer = await Player.join(srv, created.roomId, { role: 'observer', name: 'Press' }, 'observer');
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Chair', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    const ids = scenario.roles.map((r) => r.id);
    const markers: { text: string; members: string[] }[] = [];

    // Private talk: every bilateral channel and every working group carries a marked line.
    await readyUntil(t, 'talks');
    for (const a of ids)
      for (const b of ids)
        if (a < b) {
          const text = `PRIVATE-LINE-${a}-${b}-zq`;
          await t.byRole.get(a)!.must({ type: 'chat', channel: bi(a, b), text });
          markers.push({ text, members: [a, b] });
        }
    for (const g of scenario.workingGroups) {
      const text = `GROUP-LINE-${g.id}-zq`;
      await t.byRole.get(g.members[0])!.must({ type: 'chat', channel: `wg:${g.id}`, text });
      markers.push({ text, members: g.members });
    }
    // A private offer between two delegations, the rest pass.
    await readyUntil(t, 'moves');
    const from = roles(t)[0].view.turn!;
    const fromRole = scenario.roles.find((r) => r.id === from)!;
    const issue = scenario.issues.find((i) => i.signatories.includes(from))!;
    const to = ids.find((id) => id !== from)!;
    const option = issue.options.find((o) => !fromRole.redLines.includes(`${issue.id}.${o.id}`))!;
    const note = `PRIVATE-NOTE-${from}-${to}-zq`;
    await move(t, { type: 'propose', to: [to], terms: { [issue.id]: option.id }, note });
    markers.push({ text: note, members: [from, to] });
    while (roles(t)[0].view.phase === 'moves') await move(t, { type: 'pass' });
    await readyUntil(t, 'moves');
    await new Promise((r) => setTimeout(r, 200)); // let the last patches arrive

    const seats: [string, Player][] = [...t.byRole.entries(), ['observer', observer]];
    let checked = 0;
    for (const [seat, p] of seats) {
      const got = received(p);
      for (const r of scenario.roles) {
        for (const secret of secretsOf(r)) {
          if (r.id === seat)
            expect(got.includes(secret), `${seat} should see its own "${secret.slice(0, 30)}"`).toBe(true);
          // A line that the seat's own brief also carries is no leak of another's.
          else if (!ownText(seat).includes(secret))
            expect(got.includes(secret), `${seat} received ${r.id}'s secret "${secret.slice(0, 40)}..."`).toBe(false);
          checked++;
        }
      }
      for (const m of markers) expect(got.includes(m.text), `${seat} and "${m.text}"`).toBe(m.members.includes(seat));
    }
    // The facilitator sees everything, which shows the search finds what is there.
    const all = received(boss);
    for (const r of scenario.roles) for (const secret of secretsOf(r)) expect(all.includes(secret)).toBe(true);
    for (const m of markers) expect(all.includes(m.text)).toBe(true);
    expect(checked).toBeGreaterThan(scenario.roles.length * 4);
  });
});
