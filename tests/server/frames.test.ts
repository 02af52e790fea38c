import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import { publicScenario } from '../../shared/engine/index.js';
import type { ServerMessages } from '../../shared/protocol.js';
import { readyUntil, roles, type Table } from './drive.js';
import { bootServer, createTable, Player, requireScenario, testScenarios, until } from './helpers.js';

const scenarios = testScenarios();
const scenario = requireScenario(scenarios, 'mini');
let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios, rateLimit: { perSecond: 1000, burst: 1000 } });
});
afterAll(() => srv?.stop());

/** Every message a client receives, in order, and how many schema patches. */
function record(p: Player): { messages: [string, unknown][]; patches: number } {
  const log = { messages: [] as [string, unknown][], patches: 0 };
  for (const type of ['view', 'delta', 'ack', 'error', 'welcome'])
    p.room.onMessage(type, (m: unknown) => log.messages.push([type, m]));
  p.room.onStateChange(() => log.patches++);
  return log;
}

const settle = () => new Promise((r) => setTimeout(r, 250));

describe('one message per client per change', () => {
  it('the acting client gets its acknowledgement inside the delta its action caused; the others get the delta alone', async () => {
    const created = await createTable(srv, {
      scenario: 'mini',
      selfStart: true,
      phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 },
    });
    const t: Table = { scenario, byRole: new Map() };
    for (const r of scenario.roles)
      t.byRole.set(r.id, await Player.join(srv, created.roomId, { role: r.id, name: `D ${r.id}` }));
    const players = roles(t);
    const [pa] = players;
    await pa.waitView(() => true);
    await readyUntil(t, 'talks');
    await settle();

    const logs = players.map(record);
    const seq = await pa.must({ type: 'chat', channel: 'public', text: 'one frame each' });
    for (const p of players) await p.waitView((v) => v.chat.some((m) => m.text === 'one frame each'));
    await settle();

    // The sender: exactly one message, a delta carrying the ack, and the chat line already in the view.
    expect(logs[0].messages.map(([t]) => t)).toEqual(['delta']);
    const mine = logs[0].messages[0][1] as ServerMessages['delta'];
    expect(mine.ack?.seq).toBe(seq);
    expect(mine.chat?.add.map((m) => m.text)).toEqual(['one frame each']);
    // Everyone else: one delta, with no acknowledgement of somebody else's action.
    for (const log of logs.slice(1)) {
      expect(log.messages.map(([t]) => t)).toEqual(['delta']);
      expect(log.messages[0][1]).not.toHaveProperty('ack');
    }
    // A chat line changes nothing in the synchronised schema (presence, phase, clock): no patch for it.
    expect(logs.map((l) => l.patches)).toEqual(players.map(() => 0));
  });

  it('a phase change goes out as a schema patch; an action that changes nothing the sender sees is still acknowledged', async () => {
    const created = await createTable(srv, {
      scenario: 'mini',
      selfStart: true,
      phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 },
    });
    const players = [];
    for (const r of scenario.roles)
      players.push(await Player.join(srv, created.roomId, { role: r.id, name: `D ${r.id}` }));
    const watcher = await Player.join(srv, created.roomId, { role: 'observer', name: 'Olga' }, 'observer');
    await settle();
    const seen = record(watcher);
    for (const p of players) await p.must({ type: 'ready' });
    await until(
      () => (watcher.room.state as unknown as { phase: string }).phase !== 'setup',
      'the schema shows the new phase',
    );
    expect(seen.patches).toBeGreaterThan(0);
    // 'sync' changes no view: its ack comes on its own, after the whole view it asked for.
    const before = seen.messages.length;
    const r = await watcher.request('sync');
    expect('ack' in r).toBe(true);
    await settle();
    expect(seen.messages.slice(before).map(([t]) => t)).toEqual(['welcome', 'view', 'ack']);
    // The welcome's public scenario is packed once per scenario and spliced in: the same message as packing it whole.
    expect(seen.messages[before][1]).toEqual({
      seat: 'observer',
      code: created.code,
      sessionId: watcher.room.sessionId,
      name: 'Olga',
      scenario: publicScenario(scenario),
    } satisfies ServerMessages['welcome']);
  });
});
