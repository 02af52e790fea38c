import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app.js';
import { SqliteStorage } from '../../../server/storage/sqlite.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { api, bootServer, createTable, Player } from '../helpers.js';

// Restart recovery through a real SQLite file: the second server is a new process's worth of objects.
const dir = mkdtempSync(join(tmpdir(), 'negotiation-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenarios = () => new Map([['mini', miniScenario()]]);
let running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});

async function boot(file: string): Promise<RunningServer> {
  const srv = await bootServer({ storage: new SqliteStorage(file), scenarios: scenarios() });
  running.push(srv);
  return srv;
}

/** Drops the client side without a goodbye, as a closed laptop lid would. */
function drop(p: Player): void {
  p.room.connection.close();
}

describe('restart recovery from SQLite', () => {
  it('restores an unfinished table with every acknowledged action, and players get their seats back', async () => {
    const file = join(dir, 'restart.sqlite');
    const srv1 = await boot(file);
    const t = await createTable(srv1, { scenario: 'mini' });
    const fac = await Player.join(
      srv1,
      t.roomId,
      { role: 'facilitator', name: 'Teacher', facilitatorKey: t.facilitatorKey, playerId: 'pf' },
      'fac',
    );
    const a = await Player.join(srv1, t.roomId, { role: 'a', name: 'Ann', playerId: 'pa', code: t.code });
    const b = await Player.join(srv1, t.roomId, { role: 'b', name: 'Bob', playerId: 'pb' });
    const c = await Player.join(srv1, t.roomId, { role: 'c', name: 'Cy', playerId: 'pc' });

    const seqs: number[] = [];
    seqs.push(await fac.must({ type: 'start' }));
    seqs.push(await fac.must({ type: 'advance' })); // news -> talks
    seqs.push(await a.must({ type: 'chat', channel: 'public', text: 'Shall we start with the land question?' }));
    seqs.push(await b.must({ type: 'chat', channel: 'public', text: 'Only if guarantees come with it.' }));
    seqs.push(await c.must({ type: 'chat', channel: 'bi:a:c', text: 'A word in private.' }));
    seqs.push(await fac.must({ type: 'advance' })); // talks -> moves
    const mover = [a, b, c].find((p) => p.label === fac.view.turn) ?? a;
    const target = mover === a ? 'b' : 'a';
    seqs.push(await mover.must({ type: 'propose', to: [target], terms: { land: 'x' }, note: 'Our opening offer.' }));
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await fac.waitView((v) => v.offers.length === 1, 'the offer');
    for (const p of [fac, a, b, c]) await p.request('sync'); // the view before this ack is the current one
    const before = { fac: fac.view, a: a.view, b: b.view, c: c.view };

    await srv1.stop();
    [fac, a, b, c].forEach(drop);

    const srv2 = await boot(file);
    expect(srv2.restored).toBe(1);
    const info = await api<{ roomId: string; phase: string }>(srv2, `/api/tables/${t.code}`);
    expect(info.status).toBe(200);
    expect(info.body.roomId).toBe(t.roomId);
    expect(info.body.phase).toBe('moves');

    // Each player comes back with the same code and playerId (no role named) and is seated where they were.
    const fac2 = await Player.join(
      srv2,
      t.roomId,
      { role: 'facilitator', name: 'Teacher', facilitatorKey: t.facilitatorKey, playerId: 'pf' },
      'fac',
    );
    const back = {
      a: await Player.join(srv2, t.roomId, { name: 'Ann', playerId: 'pa', code: t.code }, 'a'),
      b: await Player.join(srv2, t.roomId, { name: 'Bob', playerId: 'pb', code: t.code }, 'b'),
      c: await Player.join(srv2, t.roomId, { name: 'Cy', playerId: 'pc', code: t.code }, 'c'),
    };
    for (const [role, p] of Object.entries(back)) {
      await p.waitView(() => p.welcomes.length > 0, 'welcome');
      expect(p.welcomes[0].seat).toBe(role);
    }
    for (const p of [fac2, ...Object.values(back)]) await p.request('sync');

    // Every acknowledged action is there: each seat sees exactly what it saw before the restart.
    const same = (v: unknown) => ({ ...(v as object), deadline: null });
    expect(same(fac2.view)).toEqual(same(before.fac));
    expect(same(back.a.view)).toEqual(same(before.a));
    expect(same(back.b.view)).toEqual(same(before.b));
    expect(same(back.c.view)).toEqual(same(before.c));

    // The game goes on, numbering continues after the restored log.
    const next = back[fac2.view.turn as 'a' | 'b' | 'c'];
    const r = await next.act({ type: 'pass' });
    expect(r, JSON.stringify(r)).toMatchObject({ ack: { seq: 8 } });
    expect((await srv2.storage.actions(t.roomId)).length).toBe(8);
  });

  it("a delegation's owner gets it back by playerId alone after a restart", async () => {
    const file = join(dir, 'owner.sqlite');
    const srv1 = await boot(file);
    const t = await createTable(srv1, { scenario: 'mini' });
    const a = await Player.join(srv1, t.roomId, { role: 'a', name: 'Ann', playerId: 'owner-a' });
    await a.waitView(() => true);
    await srv1.stop();
    drop(a);

    const srv2 = await boot(file);
    const owner = await Player.join(srv2, t.roomId, { name: 'Ann', playerId: 'owner-a', code: t.code }, 'a');
    await owner.waitView(() => owner.welcomes.length > 0);
    expect(owner.welcomes[0].seat).toBe('a');
  });

  it('a finished game is not reopened on start, but stays readable in storage', async () => {
    const file = join(dir, 'finished.sqlite');
    const srv1 = await boot(file);
    const t = await createTable(srv1, { scenario: 'mini' });
    const fac = await Player.join(
      srv1,
      t.roomId,
      { role: 'facilitator', name: 'T', facilitatorKey: t.facilitatorKey },
      'fac',
    );
    await fac.must({ type: 'start' });
    await fac.must({ type: 'end' });
    await fac.waitView((v) => v.phase === 'ended');
    await srv1.stop();
    drop(fac);

    const srv2 = await boot(file);
    expect(srv2.restored).toBe(0);
    const rec = await srv2.storage.getTable(t.roomId);
    expect(rec?.finishedAt).toEqual(expect.any(Number));
    expect((await srv2.storage.actions(t.roomId)).map((e) => e.action.type)).toEqual(['start', 'end']);
  });
});
