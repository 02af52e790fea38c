import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import { MemoryStorage } from '../../server/storage/memory.js';
import { api, bootServer, createTable, Player, testScenarios, requireScenario } from './helpers.js';

const SCENARIO = process.env.SERVER_TEST_SCENARIO ?? 'harbour_dispute';
const scenarios = testScenarios();
const scenario = requireScenario(scenarios, SCENARIO);
let srv: RunningServer | undefined;
afterAll(() => srv?.stop());

describe('restart recovery', () => {
  it('a restarted server reopens unfinished tables from the log: same code, same state, seats reclaimable', async () => {
    const storage = new MemoryStorage();
    // MemoryStorage.close() forgets nothing, so the same object plays the durable store across the restart.
    srv = await bootServer({ scenarios, storage });
    const created = await createTable(srv, {
      scenario: SCENARIO,
      selfStart: true,
      phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 },
    });
    const players = [];
    for (const r of scenario.roles)
      players.push(await Player.join(srv, created.roomId, { role: r.id, name: r.id, playerId: `pid-${r.id}` }));
    for (const p of players) await p.must({ type: 'ready' });
    await players[0].must({
      type: 'chat',
      channel: `bi:${[scenario.roles[0].id, scenario.roles[1].id].sort().join(':')}`,
      text: 'remember this',
    });
    const before = await players[0].waitView((v) => v.phase === 'news' && v.chat.length === 1);
    await srv.stop();

    srv = await bootServer({ scenarios, storage });
    expect(srv.restored).toBe(1);
    const info = await api<{ roomId: string; phase: string; roles: { status: string }[] }>(
      srv,
      `/api/tables/${created.code}`,
    );
    expect(info.body.roomId).toBe(created.roomId);
    expect(info.body.phase).toBe('news');
    expect(info.body.roles.every((r) => r.status === 'absent')).toBe(true);
    const back = await Player.join(
      srv,
      created.roomId,
      { name: 'again', playerId: `pid-${scenario.roles[0].id}` },
      'back',
    );
    const after = await back.waitView((v) => v.seat === scenario.roles[0].id);
    expect({ ...after, deadline: null }).toEqual({ ...before, deadline: null });
    expect(back.acks.length).toBe(0);
    const seq = (await storage.actions(created.roomId)).length;
    expect('ack' in (await back.request('sync')) && back.acks[0].seq).toBe(seq);
  });
});
