import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { miniScenarioData } from '../fixtures/mini-scenario.js';
import { freePort, runMain } from './child.js';
import { createTable, Player, until } from './helpers.js';

// The real server process (tsx server/main.ts, no client build), killed with SIGKILL mid-game.
const dir = mkdtempSync(join(tmpdir(), 'negotiation-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; srv: RunningServer }> {
  const p = await runMain(env, dir); // cwd without dist/: the server must still start
  children.push(p.child);
  if (p.exitCode !== null) throw new Error(`server exited: ${p.output}`);
  // Player.join and createTable only need the address.
  return { child: p.child, srv: { url: p.url } as RunningServer };
}

const kill = (c: ChildProcess) =>
  new Promise<void>((r) => {
    c.once('exit', () => r());
    c.kill('SIGKILL');
  });

it('SIGKILL mid-game loses no acknowledged action; players reconnect and finish the game', async () => {
  const scenarioDir = join(dir, 'scenarios');
  mkdirSync(scenarioDir);
  writeFileSync(join(scenarioDir, 'mini.json'), JSON.stringify(miniScenarioData()));
  const dataFile = join(dir, 'data', 'game.sqlite');
  const env = {
    PORT: String(await freePort()),
    DATA_FILE: dataFile,
    SCENARIO_DIR: scenarioDir,
    RECONNECT_GRACE: '5',
    SEAT_PENDING_MAX: '1000',
  }; // the burst below is about durability, not the queue's bounds

  let { child, srv } = await startChild(env);
  const t = await createTable(srv, { scenario: 'mini' });
  const fac = await Player.join(
    srv,
    t.roomId,
    { role: 'facilitator', name: 'T', facilitatorKey: t.facilitatorKey, playerId: 'pf' },
    'fac',
  );
  const ps = await Promise.all(
    ['a', 'b', 'c'].map((r) => Player.join(srv, t.roomId, { role: r, name: r, playerId: `p-${r}` }, r)),
  );
  await fac.must({ type: 'start' });
  await fac.must({ type: 'advance' }); // talks

  // A stream of chat from all three delegations; the server dies after some of it is acknowledged.
  const sent = new Map<string, string>();
  let n = 0;
  const burst = setInterval(() => {
    for (const p of ps) {
      if (n >= 200) break;
      const ref = `burst-${++n}`;
      const text = `line ${n} from ${p.label}`;
      sent.set(ref, text);
      p.room.send('act', { ref, action: { type: 'chat', channel: 'public', text } });
    }
    // One line per delegation every 125 ms: under the per-client limit (10 a second), so on a loaded machine
    // slow acks never turn the stream into rate-limit refusals; this test is about durability.
  }, 125);
  await until(
    () => ps.reduce((k, p) => k + p.acks.filter((a) => a.ref?.startsWith('burst-')).length, 0) >= 25,
    'some acks',
    10_000,
  );
  await kill(child);
  clearInterval(burst);

  const acked = ps.flatMap((p) => p.acks.filter((a) => a.ref?.startsWith('burst-')));
  const refused = ps.flatMap((p) => p.errors);
  expect(refused).toEqual([]);
  expect(acked.length).toBeGreaterThanOrEqual(25);

  // Straight from the file: every acknowledged action is there, at the seq its ack named.
  const store = new SqliteStorage(dataFile);
  const log = await store.actions(t.roomId);
  await store.close();
  for (const a of acked) {
    const entry = log[a.seq - 1];
    expect(entry?.action).toEqual({ type: 'chat', channel: 'public', text: sent.get(a.ref!) });
  }

  ({ child, srv } = await startChild(env));
  const fac2 = await Player.join(
    srv,
    t.roomId,
    { role: 'facilitator', name: 'T', facilitatorKey: t.facilitatorKey, playerId: 'pf' },
    'fac',
  );
  const back = await Promise.all(
    ['a', 'b', 'c'].map((r) => Player.join(srv, t.roomId, { name: r, playerId: `p-${r}`, code: t.code }, r)),
  );
  back.forEach((p) => expect(p.welcomes.length === 0 || p.welcomes[0].seat === p.label).toBe(true));
  await fac2.waitView((v) => v.phase === 'talks', 'the restored table');
  const texts = fac2.view.chat.map((m) => m.text);
  for (const a of acked) expect(texts).toContain(sent.get(a.ref!));

  // Play to the end: the facilitator moves the phases on, delegations pass their formal moves.
  for (let guard = 0; fac2.view.phase !== 'ended' && guard < 100; guard++) {
    const v = fac2.view;
    if (v.phase === 'moves') await back.find((p) => p.label === v.turn)!.must({ type: 'pass' });
    else await fac2.must({ type: 'advance' });
    await fac2.waitView((x) => x !== v, 'the next view');
  }
  expect(fac2.view.phase).toBe('ended');
  for (const p of back) await p.waitView((v) => v.phase === 'ended', 'the end');
  child.kill('SIGTERM');
}, 60_000);
