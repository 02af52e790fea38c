import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORE_COLUMNS, SETTLEMENT_COLUMNS } from '../../../shared/analysis/exports.js';
import type { RunningServer } from '../../../server/app.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { bootServer, Player, until } from '../helpers.js';

let srv: RunningServer;
let base = '';

// The real app: the class API is mounted beside the table API, on the game server's own port.
beforeAll(async () => {
  srv = await bootServer({ scenarios: new Map([['mini', miniScenario()]]), defaultScenario: 'mini' });
  base = srv.url;
});

afterAll(async () => {
  await srv?.stop();
});

/** The JSON bodies this test reads, as far as it reads them. */
type ErrBody = { error: { code: string } };
type ClassBody = { classId: string; classCode: string; facilitatorKey: string; tables: string[]; consoleUrl: string };
type Seat = { table: number; role: string; roomId: string; tableCode: string; name: string; ended: boolean };
type Summary = { students: unknown[]; tables: { code: string; roomId: string }[] };
type DashRow = {
  seats: { role: string; bot: boolean }[];
  flags: { absent: string[]; stuck: boolean };
  meters: { id: string }[];
};
type Dashboard = { tables: DashRow[] };

async function call<T = unknown>(
  method: string,
  path: string,
  o: { body?: unknown; key?: string } = {},
): Promise<{ status: number; body: T; text: string; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body: body as T, text, headers: res.headers };
}

describe('class API', () => {
  let cls: ClassBody;

  it('creates a class with its tables and a secret facilitator link', async () => {
    // People only here: the bots' own test is below.
    const r = await call<ClassBody>('POST', '/api/classes', {
      body: { scenario: 'mini', tables: 2, teams: false, rounds: 2, botsFill: false, standIn: false },
    });
    expect(r.status).toBe(201);
    cls = r.body;
    expect(cls.classCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(cls.tables).toHaveLength(2);
    expect(cls.facilitatorKey.length).toBeGreaterThanOrEqual(40);
    expect(cls.consoleUrl).toBe(`/console.html#class=${cls.classId}&key=${cls.facilitatorKey}`);
  });

  it('refuses bad class settings', async () => {
    const r = await call<ErrBody>('POST', '/api/classes', { body: { scenario: 'mini', tables: 0 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('protocol/bad_message');
    expect((await call<ErrBody>('POST', '/api/classes', { body: { scenario: 'nope' } })).body.error.code).toBe(
      'class/unknown_scenario',
    );
  });

  it('keeps the console data from anyone without the key', async () => {
    for (const path of ['', '/dashboard', '/debrief', '/export/scores.csv']) {
      const none = await call<ErrBody>('GET', `/api/classes/${cls.classId}${path}`);
      expect([path, none.status, none.body.error.code]).toEqual([path, 401, 'auth/key_required']);
      const wrong = await call<ErrBody>('GET', `/api/classes/${cls.classId}${path}`, { key: 'x'.repeat(43) });
      expect([path, wrong.status, wrong.body.error.code]).toEqual([path, 403, 'auth/forbidden']);
    }
    const move = await call('POST', `/api/classes/${cls.classId}/move`, {
      body: { playerId: 'p0', table: 1, role: 'a' },
    });
    expect(move.status).toBe(401);
    const exp = await call('GET', `/api/tables/${cls.tables[0]}/export/events.json`, { key: 'wrong' });
    expect(exp.status).toBe(403);
  });

  it('tells someone who looks up a class code as a table that it is a class code, and nothing more', async () => {
    const remaining = (h: Headers) => Number(/remaining=(\d+)/.exec(h.get('ratelimit') ?? '')?.[1]);
    const miss = await call<ErrBody>('GET', '/api/tables/ZZZZZZ');
    expect([miss.status, miss.body.error.code]).toEqual([404, 'table/not_found']);
    // Typed as a student would: lower case, with a dash.
    const typed = `${cls.classCode.slice(0, 3)}-${cls.classCode.slice(3)}`.toLowerCase();
    for (const code of [cls.classCode, typed]) {
      const r = await call<ErrBody>('GET', `/api/tables/${encodeURIComponent(code)}`);
      expect(r.status).toBe(404);
      // The error alone: no id, tables, scenario or settings of the class.
      expect(r.body).toEqual({
        error: { code: 'table/is_class', message: 'That is a class code: join your class on the class page.' },
      });
    }
    // A class code is a found code: the lookup limit counts only the two misses, not the two class codes.
    const again = await call<ErrBody>('GET', '/api/tables/ZZZZZZ');
    expect(again.body.error.code).toBe('table/not_found');
    expect(remaining(miss.headers)).toBeGreaterThan(0);
    expect(remaining(again.headers)).toBe(remaining(miss.headers) - 1);
    // A class's table code still answers with the table.
    expect((await call('GET', `/api/tables/${cls.tables[0]}`)).status).toBe(200);
  });

  it('seats students balanced across tables and delegations, and refuses the seventh without teams', async () => {
    const seats = [];
    for (let i = 0; i < 6; i++) {
      const r = await call<Seat>('POST', `/api/classes/${cls.classCode.toLowerCase()}/join`, {
        body: { name: `Student ${i}`, playerId: `p${i}` },
      });
      expect(r.status).toBe(200);
      seats.push(r.body);
    }
    expect(seats.map((s) => `${s.table}${s.role}`)).toEqual(['1a', '2a', '1b', '2b', '1c', '2c']);
    expect(seats[0]).toMatchObject({
      classCode: cls.classCode,
      tableCode: cls.tables[0],
      roleName: 'Role A',
      name: 'Student 0',
    });
    const again = await call('POST', `/api/classes/${cls.classCode}/join`, {
      body: { name: 'Student 3', playerId: 'p3' },
    });
    expect(again.body).toEqual(seats[3]);
    const full = await call<ErrBody>('POST', `/api/classes/${cls.classCode}/join`, {
      body: { name: 'Late', playerId: 'late' },
    });
    expect([full.status, full.body.error.code]).toEqual([409, 'seating/full']);
    const bad = await call('POST', `/api/classes/${cls.classCode}/join`, { body: { name: '', playerId: 'x' } });
    expect(bad.status).toBe(400);
    expect((await call('POST', '/api/classes/ZZZZZZ/join', { body: { name: 'A', playerId: 'x' } })).status).toBe(404);
    expect((await call('GET', `/api/classes/${cls.classCode}/seats/p4`)).body).toEqual({ ...seats[4], ended: false });
  });

  it('lets the instructor move a student, swapping seats when teams are off', async () => {
    const r = await call<{ moved: { name: string; table: number; role: string }[] }>(
      'POST',
      `/api/classes/${cls.classId}/move`,
      { key: cls.facilitatorKey, body: { playerId: 'p0', table: 2, role: 'a' } },
    );
    expect(r.status).toBe(200);
    expect(r.body.moved.map((m: { name: string; table: number; role: string }) => [m.name, m.table, m.role])).toEqual([
      ['Student 0', 2, 'a'],
      ['Student 1', 1, 'a'],
    ]);
    expect((await call('GET', `/api/classes/${cls.classCode}/seats/p1`)).body).toMatchObject({
      table: 1,
      role: 'a',
      tableCode: cls.tables[0],
    });
    const bad = await call<ErrBody>('POST', `/api/classes/${cls.classId}/move`, {
      key: cls.facilitatorKey,
      body: { playerId: 'p0', table: 3, role: 'a' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'seating/bad_table']);
    const summary = await call<Summary>('GET', `/api/classes/${cls.classId}`, { key: cls.facilitatorKey });
    expect(summary.body.students).toHaveLength(6);
    expect(summary.body.tables.map((t: { code: string }) => t.code)).toEqual(cls.tables);
  });

  it('shows every table on the dashboard, with who is connected and the facilitator’s controls taking effect', async () => {
    const summary = (await call<Summary>('GET', `/api/classes/${cls.classId}`, { key: cls.facilitatorKey })).body;
    const t1 = summary.tables[0];
    const seat = (await call<Seat>('GET', `/api/classes/${cls.classCode}/seats/p1`)).body;
    const student = await Player.join(
      srv,
      seat.roomId,
      { code: seat.tableCode, role: seat.role, name: seat.name, playerId: 'p1' },
      'p1',
    );
    const fac = await Player.join(
      srv,
      t1.roomId,
      { code: t1.code, role: 'facilitator', name: 'Teacher', facilitatorKey: cls.facilitatorKey, playerId: 'teacher' },
      'fac',
    );
    await fac.must({ type: 'start' });
    await fac.must({ type: 'pause' });
    await fac.must({ type: 'inject', event: 'e1' });
    const d = await call<Dashboard>('GET', `/api/classes/${cls.classId}/dashboard`, { key: cls.facilitatorKey });
    expect(d.status).toBe(200);
    const [row1, row2] = d.body.tables;
    expect(row1).toMatchObject({
      number: 1,
      code: cls.tables[0],
      phase: 'news',
      round: 1,
      paused: true,
      settled: 0,
      issues: 2,
      event: 'Storm',
    });
    expect(row1.seats.find((s: { role: string }) => s.role === 'a')).toMatchObject({
      status: 'present',
      names: ['Student 1'],
      students: ['Student 1'],
    });
    expect(row1.flags.absent).toEqual(['b', 'c']);
    expect(row1.flags.stuck).toBe(false);
    expect(row1.meters.map((m: { id: string }) => m.id)).toEqual(['heat', 'trust', 'support']);
    expect(row2).toMatchObject({ number: 2, phase: 'setup', paused: false });
    await student.leave();
    await fac.leave();
  });

  it('opens a table’s debrief to students only after the end, without private lines', async () => {
    const t1 = cls.tables[0];
    const early = await call<ErrBody>('GET', `/api/tables/${t1}/debrief`);
    expect([early.status, early.body.error.code]).toEqual([409, 'table/not_ended']);
    const summary = (await call<Summary>('GET', `/api/classes/${cls.classId}`, { key: cls.facilitatorKey })).body;
    const fac = await Player.join(
      srv,
      summary.tables[0].roomId,
      { code: t1, role: 'facilitator', name: 'Teacher', facilitatorKey: cls.facilitatorKey },
      'fac',
    );
    await fac.must({ type: 'resume' });
    await fac.must({ type: 'chat', channel: 'bi:a:b', text: 'For A and B only.' });
    await fac.must({ type: 'chat', channel: 'public', text: 'Ten minutes left.' });
    await fac.must({ type: 'end' });
    await until(() => fac.view.phase === 'ended', 'the end');
    // The student's class page learns that the game at their table has ended.
    await expect
      .poll(async () => (await call<Seat>('GET', `/api/classes/${cls.classCode}/seats/p1`)).body.ended)
      .toBe(true);
    const pub = await call<{ timeline: { text: string }[] }>('GET', `/api/tables/${t1.toLowerCase()}/debrief`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ code: t1, outcome: 'ended' });
    expect(pub.body.timeline.some((t: { text: string }) => t.text === 'Ten minutes left.')).toBe(true);
    expect(pub.text).not.toContain('For A and B only.');
    expect(pub.text).not.toContain('SECRET');
    const full = await call('GET', `/api/tables/${t1}/debrief`, { key: cls.facilitatorKey });
    expect(full.text).toContain('For A and B only.');
    await fac.leave();
  });

  it('gives the facilitator the class debrief and the exports', async () => {
    const d = await call<{ tables: { outcome: string }[]; reference: unknown; frontier: unknown[] }>(
      'GET',
      `/api/classes/${cls.classId}/debrief`,
      { key: cls.facilitatorKey },
    );
    expect(d.status).toBe(200);
    expect(d.body.tables.map((t: { outcome: string }) => t.outcome)).toEqual(['ended', 'unfinished']);
    expect(d.body.reference).toMatchObject({ label: 'Ref', onFrontier: true });
    expect(d.body.frontier.length).toBeGreaterThan(0);
    const scores = await call('GET', `/api/classes/${cls.classId}/export/scores.csv`, { key: cls.facilitatorKey });
    expect(scores.headers.get('content-type')).toMatch(/text\/csv/);
    expect(scores.headers.get('content-disposition')).toBe(`attachment; filename="class-${cls.classCode}-scores.csv"`);
    const lines = scores.text.trim().split('\r\n');
    expect(lines[0]).toBe(SCORE_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 2 * 3);
    expect(lines[1].startsWith(`${cls.classCode},${cls.tables[0]},mini,ended,1,2,`)).toBe(true);
    const set = await call('GET', `/api/classes/${cls.classId}/export/settlements.csv`, { key: cls.facilitatorKey });
    expect(set.text.split('\r\n')[0]).toBe(SETTLEMENT_COLUMNS.join(','));
    const ev = await call<{ tables: { actions: { action: { type: string } }[] }[] }>(
      'GET',
      `/api/classes/${cls.classId}/export/events.json`,
      { key: cls.facilitatorKey },
    );
    expect(ev.body.tables).toHaveLength(2);
    expect(ev.body.tables[0].actions.map((a: { action: { type: string } }) => a.action.type)).toEqual([
      'start',
      'pause',
      'inject',
      'resume',
      'chat',
      'chat',
      'end',
    ]);
    const one = await call('GET', `/api/tables/${cls.tables[1]}/export/events.json`, { key: cls.facilitatorKey });
    expect(one.body).toMatchObject({ classCode: cls.classCode, tables: [{ code: cls.tables[1], actions: [] }] });
    expect(
      (await call('GET', `/api/classes/${cls.classId}/export/other.txt`, { key: cls.facilitatorKey })).status,
    ).toBe(404);
  });

  it('opens tables as students arrive in auto mode', async () => {
    const c = (await call<ClassBody>('POST', '/api/classes', { body: { scenario: 'mini', tables: 'auto' } })).body;
    expect(c.tables).toHaveLength(1);
    const seats = [];
    for (let i = 0; i < 4; i++)
      seats.push(
        (await call<Seat>('POST', `/api/classes/${c.classCode}/join`, { body: { name: `S${i}`, playerId: `s${i}` } }))
          .body,
      );
    expect(seats.map((s) => [s.table, s.role])).toEqual([
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
      [2, 'a'],
    ]);
    const info = await fetch(`${srv.url}/api/tables/${seats[3].tableCode}`);
    expect(info.status).toBe(200);
    // The start page reads this to send a student to the class page instead of offering seats.
    expect(await info.json()).toMatchObject({ classTable: true });
    expect((await call('POST', `/api/classes/${c.classId}/tables`)).status).toBe(401);
    const added = await call<{ number: number }>('POST', `/api/classes/${c.classId}/tables`, { key: c.facilitatorKey });
    expect([added.status, added.body.number]).toEqual([201, 3]);
    const next = await call<Seat>('POST', `/api/classes/${c.classCode}/join`, { body: { name: 'S4', playerId: 's4' } });
    expect([next.body.table, next.body.role]).toEqual([3, 'a']);
  });

  it('gives its tables the class’s bot settings, and bots take the seats no student holds when a table starts', async () => {
    const people = (await srv.storage.tablesOfClass(cls.classId)).map((t) => t.settings);
    expect(people.every((x) => x.botsFill === undefined && x.standIn === undefined)).toBe(true);
    const before = process.env.BOT_DELAY_MS;
    process.env.BOT_DELAY_MS = '0';
    try {
      const c = (
        await call<ClassBody>('POST', '/api/classes', {
          body: { scenario: 'mini', tables: 1, rounds: 2, standIn: false },
        })
      ).body;
      const [t] = await srv.storage.tablesOfClass(c.classId);
      expect(t.settings).toMatchObject({ botsFill: true });
      expect(t.settings.standIn).toBeUndefined();
      const seat = (
        await call<Seat>('POST', `/api/classes/${c.classCode}/join`, { body: { name: 'Ann', playerId: 'ann' } })
      ).body;
      const ann = await Player.join(
        srv,
        seat.roomId,
        { code: seat.tableCode, role: seat.role, name: 'Ann', playerId: 'ann' },
        'ann',
      );
      const fac = await Player.join(
        srv,
        t.id,
        { code: t.code, role: 'facilitator', name: 'Teacher', facilitatorKey: c.facilitatorKey },
        'fac',
      );
      await fac.must({ type: 'start' });
      const others = ['a', 'b', 'c'].filter((r) => r !== seat.role);
      // Ann and the bots say they are ready, so the news and the talks end without the facilitator.
      for (const phase of ['news', 'talks'] as const) {
        await ann.waitView((v) => v.phase === phase, phase);
        await ann.must({ type: 'ready' });
      }
      await ann.waitView((v) => v.phase === 'moves', 'the moves phase');
      const d = (await call<Dashboard>('GET', `/api/classes/${c.classId}/dashboard`, { key: c.facilitatorKey })).body
        .tables[0];
      expect(d.seats.map((x: { role: string; bot: boolean }) => [x.role, x.bot])).toEqual(
        ['a', 'b', 'c'].map((r) => [r, r !== seat.role]),
      );
      expect(d.flags.absent).toEqual([]);
      const log = await srv.storage.actions(t.id);
      for (const r of others) expect(log.some((e) => e.seat === r)).toBe(true);
      await ann.leave();
      await fac.leave();
    } finally {
      if (before === undefined) delete process.env.BOT_DELAY_MS;
      else process.env.BOT_DELAY_MS = before;
    }
  });
});
