import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORE_COLUMNS, SETTLEMENT_COLUMNS } from '../../shared/analysis/exports.js';
import { download, opensTab, person, seconds } from './classroom-flows.js';
import { browserScenarios } from './four-scenario.js';
import { ARTIFACTS, skipBrowser, startHarness, type Harness } from './harness.js';

// The whole classroom flow on the real server (the app as `npm start` runs it) and the real
// production build, in Chromium: console, class page, game, debrief.

const { scenarios, scenario } = browserScenarios();
const roles = scenario.roles.map((r) => r.id);

describe.skipIf(skipBrowser)('a class in Chromium', () => {
  let h: Harness;
  const errors: string[] = [];
  const pages: Page[] = [];
  const open = async (path: string, label: string) => {
    const p = await person(h.browser, h.base, path, errors, label);
    pages.push(p);
    return p;
  };

  beforeAll(async () => {
    // Quick bots, so the bots' table plays a whole game while the test watches.
    process.env.BOT_DELAY_MS = '100';
    h = await startHarness(scenarios);
  }, 180_000);

  afterAll(async () => {
    for (const p of pages)
      await p
        .context()
        .close()
        .catch(() => undefined);
    await h?.close();
  });

  it('seats a class, runs every table from the console, lets bots play a table, and debriefs', async () => {
    // The instructor creates a class of three tables: untimed but for the talks, no shared seats.
    const con = await open('/console.html', 'console');
    await con.locator('select[name=scenario]').selectOption(scenario.id);
    await con.locator('input[name=tablesMode][value=fixed]').check();
    await con.locator('input[name=tables]').fill('3');
    await con.locator('input[name=rounds]').fill('3');
    for (const [p, v] of [
      ['news', 0],
      ['talks', 600],
      ['moves', 0],
      ['resolution', 0],
    ] as const)
      await con.locator(`input[name=${p}]`).fill(String(v));
    await con.locator('input[name=teams]').uncheck();
    // A double click makes one class: the button is disabled while the class is being made.
    const creates: string[] = [];
    con.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/classes') creates.push(r.url());
    });
    await con.getByRole('button', { name: 'Create the class' }).dblclick();
    const classCode = (await con.locator('[data-field=class-code]').textContent())!.trim();
    expect(classCode).toMatch(/^[A-Z2-9]{6}$/);
    const hash = new URLSearchParams(new URL(con.url()).hash.slice(1));
    const [classId, key] = [hash.get('class')!, hash.get('key')!];
    expect(key.length).toBeGreaterThan(40);
    await expect.poll(() => con.locator('.table-card').count()).toBe(3);
    expect(creates).toHaveLength(1);

    // Twelve students join with the code (typed in lower case) and are seated: one per delegation at each table.
    const students: Page[] = [];
    const seats: { table: string; role: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const st = await open('/class.html', `student ${i + 1}`);
      await st.getByLabel('Class code').fill(classCode.toLowerCase());
      await st.getByLabel('Your name').fill(`Student ${i + 1}`);
      await st.getByRole('button', { name: 'Join' }).click();
      const card = st.locator('.seat-card');
      await card.waitFor();
      seats.push({ table: (await card.getAttribute('data-table'))!, role: (await card.getAttribute('data-role'))! });
      students.push(st);
    }
    const byTable = new Map<string, string[]>();
    for (const s of seats) byTable.set(s.table, [...(byTable.get(s.table) ?? []), s.role]);
    expect([...byTable.values()].map((r) => r.sort())).toEqual([0, 1, 2].map(() => [...roles].sort()));
    await con.getByRole('heading', { name: 'Seating (12 students)' }).waitFor();

    // Someone who types a class table's code on the start page is sent to the class page, not offered seats the
    // server would refuse them.
    const outsider = await open(`/?code=${seats[0].table}`, 'outsider');
    await outsider.getByTestId('class-table-note').waitFor();
    await expect.poll(() => outsider.locator('.seat-option').count()).toBe(roles.length);
    expect(await outsider.locator('.seat-option button').count()).toBe(0);
    await outsider.close();

    // A student who types the class code into the start page's "Join a table" is sent to the class page, the code
    // filled in.
    const lost = await open('/', 'student on the start page');
    await lost.getByTestId('join-code').fill(classCode.toLowerCase());
    await lost.getByTestId('join-find').click();
    const toClass = lost.getByTestId('class-code-link');
    expect(await toClass.getAttribute('href')).toBe(`./class.html#code=${classCode}`);
    expect(await lost.getByTestId('join-error').isHidden()).toBe(true);
    await toClass.click();
    await lost.getByRole('heading', { name: 'Join your class' }).waitFor();
    expect(await lost.getByLabel('Class code').inputValue()).toBe(classCode);
    await lost.close();

    // The instructor drags Student 1 to another table and delegation; with shared seats off, the two swap.
    const codes = await con
      .locator('.table-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-table')!));
    const s1 = seats[0];
    const target = seats.findIndex((s) => s.table !== s1.table && s.role !== s1.role);
    const s2 = seats[target];
    const targetCell = con.locator(`.seating td[data-table="${codes.indexOf(s2.table) + 1}"][data-role="${s2.role}"]`);
    await con.locator('.seating .student .name', { hasText: /^Student 1$/ }).dragTo(targetCell);
    await expect.poll(() => con.locator('#notice').textContent()).toContain('Student 1 → table');
    await expect.poll(() => targetCell.locator('.student .name').allTextContents()).toEqual(['Student 1']);
    // Both students' class pages tell them (they poll their seat).
    for (const i of [0, target]) {
      await students[i].getByRole('heading', { name: 'Your instructor moved you' }).waitFor();
      const card = students[i].locator('.seat-card');
      seats[i] = { table: (await card.getAttribute('data-table'))!, role: (await card.getAttribute('data-role'))! };
    }
    expect([seats[0], seats[target]]).toEqual([s2, s1]);
    await students[0].screenshot({ path: join(ARTIFACTS, 'classroom-student-moved.png') });

    // Every student goes to the table: the game opens in a new tab, at the right seat.
    const games: Page[] = [];
    for (const [i, st] of students.entries()) {
      const game = await opensTab(st, st.locator('[data-go=table]'));
      // A seat visited for the first time opens on the delegation's confidential briefing.
      await game.getByTestId('screen-briefing').waitFor();
      await game.getByTestId('briefing-continue').click();
      await game.getByTestId('screen-table').waitFor();
      games.push(game);
      // The class page stays open only where the test still reads it.
      if (i !== 0) await st.close();
    }
    await expect.poll(() => con.locator('.table-card .seat.present').count(), { timeout: 15_000 }).toBe(12);
    await expect.poll(() => con.locator('.table-card .flag.absent').count()).toBe(0);
    await con.screenshot({ path: join(ARTIFACTS, 'classroom-console-seated.png') });

    // During the game the instructor drags Student 1 back: both open game tabs follow to their new seats.
    const back = con.locator(`.seating td[data-table="${codes.indexOf(s1.table) + 1}"][data-role="${s1.role}"]`);
    await con.locator('.seating .student .name', { hasText: /^Student 1$/ }).dragTo(back);
    await expect.poll(() => back.locator('.student .name').allTextContents()).toEqual(['Student 1']);
    for (const [i, to] of [
      [0, s1],
      [target, s2],
    ] as const) {
      seats[i] = to;
      await games[i].getByTestId('screen-briefing').waitFor();
      await games[i].getByTestId('briefing-continue').click();
      const name = scenario.roles.find((r) => r.id === to.role)!.name;
      await expect.poll(() => games[i].getByTestId('my-seat').textContent()).toContain(name);
    }
    await expect.poll(() => con.locator('.table-card .seat.present').count(), { timeout: 15_000 }).toBe(12);

    // A fourth table with nobody on it: bots will take its seats.
    await con.locator('[data-act=add-table]').click();
    await expect.poll(() => con.locator('.table-card').count()).toBe(4);
    await expect
      .poll(() => con.locator('.seating tbody tr').nth(3).locator('.empty').allTextContents())
      .toEqual(roles.map(() => 'bot'));
    const card4 = con.locator('.table-card').nth(3);

    // Start, pause and resume every table at once.
    const all = con.locator('section.all [role=group][aria-label="Controls: all tables"]');
    const phases = () => con.locator('.table-card [data-field=phase]').allTextContents();
    await all.locator('[data-act=start]').click();
    await all.locator('[data-act=pause]').click();
    await expect.poll(() => con.locator('.table-card .flag.paused').count()).toBe(4);
    expect((await phases()).every((p) => p !== 'Not started' && p !== 'Ended')).toBe(true);
    await expect.poll(() => card4.locator('.seat.bot').count()).toBe(4);
    await all.locator('[data-act=resume]').click();
    await expect.poll(() => con.locator('.table-card .flag.paused').count()).toBe(0);

    // Table 1: on to the timed talks, one more minute, then a news card only there.
    const first = con.locator('.table-card').first();
    await first.locator('[data-act=advance]').click();
    await expect.poll(() => first.locator('[data-field=phase]').textContent()).toBe('Talks');
    await first.locator('[data-act=extend]').click();
    await expect
      .poll(async () => seconds((await first.locator('[data-field=timer]').textContent()) ?? ''))
      .toBeGreaterThan(600);
    const event = scenario.events[0];
    await first.getByLabel('Event card to inject (table 1)').selectOption(event.id);
    await first.locator('[data-act=inject]').click();
    await expect.poll(() => con.locator('#notice').textContent()).toContain('table 1');
    await expect.poll(() => first.locator('.event').textContent()).toContain(event.title);

    // A message to every table; the students at table 1 read it in the game.
    await all.getByLabel('Message to broadcast (all tables)').fill('Ten minutes left in this round.');
    await all.locator('[data-act=broadcast]').click();
    await expect.poll(() => con.locator('#notice').textContent()).toContain('Message sent at all 4 tables');
    const atTable1 = games[seats.findIndex((s) => s.table === codes[0])];
    await expect
      .poll(() => atTable1.getByTestId('screen-table').textContent(), { timeout: 15_000 })
      .toContain('Ten minutes left in this round.');
    // ...and over whatever tab they have open, not only as a line in the talks.
    expect(await atTable1.getByTestId('global-error').textContent()).toBe(
      'Facilitator: Ten minutes left in this round.',
    );

    // Observe table 2 with full information: every delegation's confidential brief, every channel.
    await con.locator('.table-card').nth(1).locator('[data-act=observe]').click();
    const obs = con.locator('dialog.observe');
    await obs.locator('.obs-delegation').first().waitFor();
    expect(await obs.locator('.obs-delegation').count()).toBe(roles.length);
    for (const r of scenario.roles)
      expect(await obs.locator(`[data-role="${r.id}"] .obs-brief`).textContent()).toBe(r.confidential.brief);
    await expect
      .poll(() => obs.locator('[data-channel=public]').textContent())
      .toContain('Ten minutes left in this round.');
    await con.screenshot({ path: join(ARTIFACTS, 'classroom-observe.png') });
    await obs.getByRole('button', { name: 'Close' }).click();

    // The bots play the fourth table through to the end by themselves (its phases are untimed: only moves advance them).
    await expect
      .poll(() => card4.locator('[data-field=phase]').textContent(), { timeout: 120_000, interval: 1000 })
      .toBe('Ended');
    await con.screenshot({ path: join(ARTIFACTS, 'classroom-console.png'), fullPage: true });
    // Observing the bots' table shows why they moved (their private reasoning is the facilitator's alone).
    await card4.locator('[data-act=observe]').click();
    await expect.poll(() => obs.locator('.obs-notes li').count()).toBeGreaterThan(0);
    await obs.getByRole('button', { name: 'Close' }).click();

    // End every table.
    con.on('dialog', (d) => void d.accept());
    await all.locator('[data-act=end]').click();
    await expect.poll(phases).toEqual(['Ended', 'Ended', 'Ended', 'Ended']);

    // The class debrief, with its charts and one section per table.
    const deb = await opensTab(con, con.getByRole('link', { name: 'Open the class debrief' }));
    await expect.poll(() => deb.locator('.table-debrief').count(), { timeout: 15_000 }).toBe(4);
    expect(await deb.locator('.overview canvas').count()).toBe(3);
    expect(await deb.locator('.compare tbody tr').count()).toBe(4);
    await expect.poll(() => deb.locator('.summary').textContent()).toMatch(/of (the )?4 tables signed a framework/);
    await deb.screenshot({ path: join(ARTIFACTS, 'classroom-debrief.png') });
    // On a phone the column headers wrap between words only ("Value left", never "Valu e left").
    await deb.setViewportSize({ width: 390, height: 900 });
    expect(await wordsBrokenInHeaders(deb)).toEqual([]);
    await deb.setViewportSize({ width: 1600, height: 1000 });

    const file = (f: string) => download(deb, deb.locator(`.overview [data-export="${f}"]`));
    const scores = await file('scores.csv');
    expect(scores.name).toBe(`class-${classCode}-scores.csv`);
    const rows = scores.text.split('\r\n').filter(Boolean);
    expect(rows[0]).toBe(SCORE_COLUMNS.join(','));
    expect(rows).toHaveLength(1 + 4 * roles.length);
    expect(rows.slice(1).every((r) => r.startsWith(`${classCode},`))).toBe(true);
    const settlements = await file('settlements.csv');
    expect(settlements.text.split('\r\n')[0]).toBe(SETTLEMENT_COLUMNS.join(','));
    expect(settlements.text.split('\r\n').filter(Boolean)).toHaveLength(1 + 4 * scenario.issues.length);
    const log = JSON.parse((await file('events.json')).text) as {
      tables: { code: string; actions: { seat: string; action: { type: string } }[] }[];
    };
    const types = log.tables.map((t) => t.actions.map((a) => a.action.type));
    expect(types.map((t) => t.filter((x) => x === 'inject').length)).toEqual([1, 0, 0, 0]);
    const broadcasts = log.tables.map(
      (t) => t.actions.filter((a) => a.seat === 'facilitator' && a.action.type === 'chat').length,
    );
    expect(broadcasts).toEqual([1, 1, 1, 1]);
    expect(types[0].filter((x) => x === 'extend')).toHaveLength(1);
    // The fourth table's delegations moved: bots played it.
    const botMoves = log.tables[3].actions.filter((a) => roles.includes(a.seat) && a.action.type !== 'ready');
    expect(botMoves.length).toBeGreaterThan(roles.length);
    // One table's own exports, from its section.
    const t4 = deb.locator('.table-debrief').nth(3);
    const one = await download(deb, t4.locator('[data-export="scores.csv"]'));
    expect(one.name).toBe(`table-${log.tables[3].code}-scores.csv`);
    expect(one.text.split('\r\n').filter(Boolean)).toHaveLength(1 + roles.length);

    // A student opens the debrief of their own table from the class page, once the game has ended.
    const link = students[0].locator('[data-field=debrief] a');
    await link.waitFor({ timeout: 15_000 });
    expect(await students[0].locator('.seat-card h1').textContent()).toBe('Your game has ended');
    expect(await students[0].locator('[data-go=table]').textContent()).toBe('See the final table');
    // The note about moves and keeping the page open is for the game, which is over.
    expect(await students[0].locator('[data-field=while-playing]').isHidden()).toBe(true);
    const mine = await opensTab(students[0], link);
    await mine.locator('.table-debrief').waitFor();
    expect(await mine.locator('.table-debrief').getAttribute('data-table')).toBe(seats[0].table);
    expect(await mine.locator('.table-debrief h2').textContent()).toContain('No deal');

    // Without the key: no console, no private data.
    for (const url of [`/console.html#class=${classId}`, `/console.html#class=${classId}&key=${'x'.repeat(43)}`]) {
      const p = await open(url, 'intruder');
      await p.getByRole('heading', { name: 'No access' }).waitFor();
      expect(await p.locator('.table-card').count()).toBe(0);
    }
    const thief = await open(`/debrief.html#class=${classId}&key=nope`, 'intruder');
    await thief.getByRole('heading', { name: 'Debrief not available' }).waitFor();
    const status = await thief.evaluate(
      async ([id, code]) => {
        const urls = [
          `/api/classes/${id}`,
          `/api/classes/${id}/dashboard`,
          `/api/classes/${id}/debrief`,
          `/api/classes/${id}/export/events.json`,
          `/api/tables/${code}/export/events.json`,
        ];
        const none = await Promise.all(urls.map((u) => fetch(u).then((r) => r.status)));
        const wrong = await Promise.all(
          urls.map((u) => fetch(u, { headers: { authorization: `Bearer ${'x'.repeat(43)}` } }).then((r) => r.status)),
        );
        return { none, wrong };
      },
      [classId, log.tables[0].code],
    );
    expect(status).toEqual({ none: [401, 401, 401, 401, 401], wrong: [403, 403, 403, 403, 403] });
    expect(errors).toEqual([]);
  }, 400_000);
});

/** The words of the page's table headers split across two lines ("Walk-away" may wrap at its hyphen). */
function wordsBrokenInHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const th of document.querySelectorAll('thead th')) {
      const walk = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode())
        for (const m of (n.textContent ?? '').matchAll(/[^\s-]+/g)) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1) broken.push(m[0]);
        }
    }
    return broken;
  });
}
