import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../shared/engine/index.js';
import type { RunningServer } from '../../server/app.js';
import { acceptablePackage, allSee, everyoneReady, move, onTurn, readyUntil, roles, type Table } from './drive.js';
import { api, bootServer, createTable, Player, testScenarios, until, requireScenario } from './helpers.js';

const SCENARIO = process.env.SERVER_TEST_SCENARIO ?? 'harbour_dispute';
const UNTIMED = { news: 0, talks: 0, moves: 0, resolution: 0 };
let srv: RunningServer;
const scenarios = testScenarios();
const scenario = requireScenario(scenarios, SCENARIO);

beforeAll(async () => {
  srv = await bootServer({ scenarios });
});
afterAll(() => srv?.stop());

async function seat(opts: Record<string, unknown>) {
  const created = await createTable(srv, { scenario: SCENARIO, phaseSeconds: UNTIMED, seed: 11, ...opts });
  const t: Table = { scenario, byRole: new Map() };
  for (const r of scenario.roles)
    t.byRole.set(
      r.id,
      await Player.join(srv, created.roomId, {
        role: r.id,
        name: `Player ${r.id}`,
        code: created.code,
        playerId: `p-${r.id}`,
      }),
    );
  const observer = await Player.join(srv, created.roomId, { role: 'observer', name: 'Watcher' }, 'observer');
  return { created, t, observer };
}

describe(`a whole game on ${SCENARIO}`, () => {
  it('ends with a signed framework when every delegation accepts one package and signs', async () => {
    const { created, t, observer } = await seat({ selfStart: true, rounds: 3 });
    expect(scenario.roles.length + 1).toBeGreaterThanOrEqual(4);
    await allSee(t, (v) => v.phase === 'setup', 'setup');
    await everyoneReady(t); // self-start: all ready in setup opens round 1
    expect(roles(t)[0].view.round).toBe(1);
    await readyUntil(t, 'moves');

    const terms = acceptablePackage(scenario);
    const proposer = onTurn(t).view.seat!;
    const others = scenario.roles.map((r) => r.id).filter((id) => id !== proposer);
    await move(t, { type: 'propose', to: others, terms, note: 'One package for all.' });
    const offer = roles(t)[0].view.offers.find((o) => o.from === proposer)!;
    expect(offer.status).toBe('open');
    while (roles(t)[0].view.phase === 'moves') await move(t, { type: 'accept', offer: offer.id });
    await allSee(t, (v) => Object.keys(terms).every((i) => v.clauses[i]?.option === terms[i]), 'clauses settled');

    await readyUntil(t, 'moves');
    // Signing is not a formal move (docs/rules.md): each delegation signs, on its turn or not.
    for (const p of roles(t)) await p.must({ type: 'sign' });
    await allSee(t, (v) => v.phase === 'ended' && v.outcome?.kind === 'deal', 'deal');
    await observer.waitView((v) => v.outcome?.kind === 'deal', 'observer sees the deal');
    await until(() => (observer.room.state as { phase: string }).phase === 'ended', 'schema phase');

    // The log replays to the same end, and the table is marked finished.
    const table = (await srv.storage.findTableByCode(created.code))!;
    const log = await srv.storage.actions(table.id);
    expect(log.length).toBe(Math.max(...roles(t).flatMap((p) => p.acks.map((a) => a.seq))));
    const rebuilt = replay(scenario, table.options, log);
    expect(rebuilt.outcome?.kind).toBe('deal');
    expect(rebuilt.clauses).toEqual(roles(t)[0].view.clauses);
    expect(table.finishedAt).not.toBeNull();
    const info = await api<{ finished: boolean }>(srv, `/api/tables/${created.code}`);
    expect(info.body.finished).toBe(true);
  });

  it('ends with no deal when the last round passes unsigned (facilitator advances, delegations pass)', async () => {
    const { created, t, observer } = await seat({ rounds: 2 });
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Teacher', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    // Without self-start, "ready" in setup does not open the talks; the facilitator does.
    const p0 = roles(t)[0];
    expect((await p0.act({ type: 'ready' })).valueOf()).toMatchObject({ error: { code: 'game/not_started' } });
    await boss.must({ type: 'start' });
    for (let round = 1; round <= 2; round++) {
      await allSee(t, (v) => v.round === round && v.phase === 'news', `round ${round} news`);
      await boss.must({ type: 'advance' }); // news -> talks
      await boss.must({ type: 'advance' }); // talks -> moves
      await allSee(t, (v) => v.phase === 'moves', 'moves');
      while (roles(t)[0].view.phase === 'moves') await move(t, { type: 'pass' });
      await boss.must({ type: 'advance' }); // resolution -> next round or the end
    }
    await allSee(t, (v) => v.phase === 'ended' && v.outcome?.kind === 'no_deal', 'no deal');
    await observer.waitView((v) => v.outcome?.kind === 'no_deal');
    expect(boss.view.all).not.toBeNull();
    expect(Object.keys(boss.view.outcome!.scores).sort()).toEqual(scenario.roles.map((r) => r.id).sort());
  });
});

describe('timers on the server clock', () => {
  it('a timed phase ends by itself, and a paused table freezes its timer', async () => {
    const created = await createTable(srv, {
      scenario: SCENARIO,
      phaseSeconds: { news: 1, talks: 1, moves: 0, resolution: 0 },
      seed: 3,
    });
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Teacher', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    await boss.must({ type: 'start' });
    await boss.waitView((v) => v.phase === 'news' && v.deadline !== null);
    await boss.waitView((v) => v.phase === 'talks', 'the news timer runs out');
    await boss.must({ type: 'pause' });
    const paused = await boss.waitView((v) => v.paused);
    expect(paused.deadline).toBeNull();
    expect(paused.pausedLeft).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1300));
    expect(boss.view.phase).toBe('talks');
    await boss.must({ type: 'resume' });
    await boss.waitView((v) => v.phase === 'moves', 'the talks timer runs out after resuming');
    const log = await srv.storage.actions(created.roomId);
    expect(log.filter((e) => e.seat === 'system' && e.action.type === 'tick').length).toBe(2);
  });
});
