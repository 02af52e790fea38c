import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entries } from '../../shared/engine/index.js';
import type { RunningServer } from '../../server/app.js';
import { bootServer, createTable, liveRoom, Player, requireScenario, testScenarios, until } from './helpers.js';

// An untimed table must not stall on a delegation whose player has gone: after the reconnection
// grace its turn passes (the engine's "away" rule), or a stand-in bot plays it if the table allows.

const UNTIMED = { news: 0, talks: 0, moves: 0, resolution: 0 };
const scenarios = testScenarios();
const mini = requireScenario(scenarios, 'mini');
const roles = mini.roles.map((r) => r.id);
let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios, graceSeconds: 1, rateLimit: { perSecond: 1000, burst: 1000 } });
});
afterAll(() => srv?.stop());

/** Says ready and passes on turn, so only the absent delegation could hold the table up. */
function autopilot(p: Player): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || p.views.length === 0) return;
    const v = p.view;
    const due = v.phase === 'moves' ? v.turn === v.seat : v.phase !== 'ended' && !v.ready.includes(v.seat);
    if (!due) return;
    busy = true;
    void p.act(v.phase === 'moves' ? { type: 'pass' } : { type: 'ready' }).finally(() => (busy = false));
  }, 5);
  return () => clearInterval(timer);
}

describe('an untimed table with a player who closed the tab', () => {
  it('moves on after the grace: the absent delegation passes its turns, the log says why, and the game ends', async () => {
    const created = await createTable(srv, {
      scenario: mini.id,
      seed: 5,
      rounds: 2,
      selfStart: true,
      phaseSeconds: UNTIMED,
    });
    const [, ...rest] = roles;
    const players = await Promise.all(
      roles.map((r) => Player.join(srv, created.roomId, { role: r, name: `P ${r}`, playerId: `pid-${r}` }, r)),
    );
    const [pg, ...others] = players;
    await pg.must({ type: 'ready' });
    const stops = others.map(autopilot);
    try {
      await others[0].waitView((v) => v.phase === 'news', 'the talks to open');
      await pg.room.leave(false); // the tab closed: no consent
      await until(
        () => liveRoom(created.roomId).game.phase === 'ended',
        'the game to end without the absent delegation',
        15_000,
      );
      const game = liveRoom(created.roomId).game;
      const away = entries(game.timeline).filter((e) => e.kind === 'away');
      expect(away.some((e) => e.text.includes('their turn passes') && e.audience === null)).toBe(true);
      // Everyone at the table sees why.
      for (const p of others) expect(p.view.timeline.some((e) => e.kind === 'away')).toBe(true);
      const log = await srv.storage.actions(created.roomId);
      expect(log.filter((e) => e.action.type === 'away').every((e) => e.seat === 'system')).toBe(true);
      expect(rest.length).toBe(roles.length - 1);
    } finally {
      stops.forEach((s) => s());
    }
  });

  it('does not pass for a player who comes back within the grace', async () => {
    const created = await createTable(srv, { scenario: mini.id, seed: 6, selfStart: true, phaseSeconds: UNTIMED });
    const players = await Promise.all(
      roles.map((r) => Player.join(srv, created.roomId, { role: r, name: `P ${r}`, playerId: `pid2-${r}` }, r)),
    );
    for (const p of players) await p.must({ type: 'ready' });
    await players[1].waitView((v) => v.phase === 'news', 'the talks to open');
    await players[0].room.leave(false);
    const back = await Player.join(srv, created.roomId, { name: 'P back', playerId: `pid2-${roles[0]}` }, 'back');
    await until(() => back.welcomes.length > 0, 'the welcome back');
    await new Promise((r) => setTimeout(r, 1500));
    const game = liveRoom(created.roomId).game;
    expect(entries(game.timeline).some((e) => e.kind === 'away')).toBe(false);
    expect(game.phase).toBe('news');
  });
});
