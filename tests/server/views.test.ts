import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewFor } from '../../shared/engine/index.js';
import type { RunningServer } from '../../server/app.js';
import { readyUntil, type Table } from './drive.js';
import { bootServer, createTable, liveRoom, Player, requireScenario, testScenarios, until } from './helpers.js';

const scenarios = testScenarios();
const scenario = requireScenario(scenarios, 'mini');
let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios, rateLimit: { perSecond: 1000, burst: 1000 } });
});
afterAll(() => srv?.stop());

/** Counts what kind of view message a client gets. */
function countKinds(p: Player): { view: number; delta: number } {
  const n = { view: 0, delta: 0 };
  p.room.onMessage('view', () => n.view++);
  p.room.onMessage('delta', () => n.delta++);
  return n;
}

describe('views travel as one whole view, then deltas', () => {
  it("every client, teammates and late joiners included, holds exactly its seat's current view", async () => {
    const created = await createTable(srv, {
      scenario: 'mini',
      selfStart: true,
      seed: 3,
      phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 },
    });
    const t: Table = { scenario, byRole: new Map() };
    const kinds = new Map<Player, { view: number; delta: number }>();
    for (const r of scenario.roles) {
      const p = await Player.join(srv, created.roomId, { role: r.id, name: `D ${r.id}`, playerId: `v-${r.id}` });
      kinds.set(p, countKinds(p));
      t.byRole.set(r.id, p);
    }
    const [a, b] = scenario.roles.map((r) => r.id);
    const pa = t.byRole.get(a)!;
    const current = (p: Player, seat: string) =>
      JSON.stringify(p.view) === JSON.stringify(viewFor(scenario, liveRoom(created.roomId).game, seat));
    const allCurrent = async (players: [Player, string][]) => {
      for (const [p, seat] of players) await until(() => current(p, seat), `${p.label} holds its current view`);
    };

    await readyUntil(t, 'talks');
    await pa.must({ type: 'chat', channel: 'public', text: 'Everyone hears this.' });
    await pa.must({ type: 'chat', channel: `bi:${[a, b].sort().join(':')}`, text: 'Only the two of us.' });
    const seated = scenario.roles.map((r) => [t.byRole.get(r.id)!, r.id] as [Player, string]);
    await allCurrent(seated);
    // One whole view on joining; everything since came as deltas.
    for (const [p] of seated) {
      expect(kinds.get(p)!.view, p.label).toBe(1);
      expect(kinds.get(p)!.delta, p.label).toBeGreaterThan(2);
      expect(p.errors).toEqual([]);
    }

    // A teammate joins a's seat mid-game, and an observer: each gets a whole view, then deltas like the others.
    const mate = await Player.join(srv, created.roomId, { role: a, name: 'Mate', playerId: 'v-mate' }, 'mate');
    const mateKinds = countKinds(mate);
    const watcher = await Player.join(srv, created.roomId, { role: 'observer', name: 'Press' }, 'observer');
    await until(() => mate.views.length > 0 && watcher.views.length > 0, 'late joiners have a view');
    await t.byRole.get(b)!.must({ type: 'chat', channel: 'public', text: 'Welcome, newcomers.' });
    await readyUntil(t, 'moves');
    await allCurrent([...seated, [mate, a], [watcher, 'observer']]);
    expect(mateKinds.delta).toBeGreaterThan(0);
    expect(mate.view.chat.map((m) => m.text)).toEqual([
      'Everyone hears this.',
      'Only the two of us.',
      'Welcome, newcomers.',
    ]);
    expect(watcher.view.chat.map((m) => m.text)).toEqual(['Everyone hears this.', 'Welcome, newcomers.']);

    // 'sync' sends the whole view again, and deltas carry on from it.
    const before = kinds.get(pa)!.view;
    await pa.request('sync');
    await until(() => kinds.get(pa)!.view === before + 1, 'a whole view after sync');
    const turn = pa.view.turn!;
    await t.byRole.get(turn)!.must({ type: 'pass' });
    await allCurrent([...seated, [mate, a], [watcher, 'observer']]);
    for (const p of [...seated.map(([p]) => p), mate, watcher]) expect(p.errors).toEqual([]);
    for (const p of [...seated.map(([p]) => p), mate, watcher]) await p.leave();
  });
});
