import type { Scenario } from '../../shared/scenario/schema.js';
import { Player, type Harness } from './harness.js';

/** Creates a table from the start screen and returns its code. */
export async function createTable(
  p: Player,
  o: { scenario: string; rounds: number; selfStart: boolean },
): Promise<string> {
  await p.id('screen-start').waitFor();
  await p.page.waitForFunction(
    (id) => !!document.querySelector(`[data-testid="create-scenario"] option[value="${id}"]`),
    o.scenario,
  );
  await p.id('create-scenario').selectOption(o.scenario);
  await p.id('create-rounds').fill(String(o.rounds));
  for (const phase of ['news', 'talks', 'moves', 'resolution']) await p.id(`create-${phase}`).fill('0');
  await p.id('create-selfstart').setChecked(o.selfStart);
  await p.click('create-submit');
  await p.id('created-code').waitFor();
  return (await p.text('created-code')).trim();
}

/** Types the code (Enter submits), a name, takes the seat; a delegation lands on its briefing first. */
export async function joinSeat(p: Player, code: string, name: string, role: string, shot?: string): Promise<void> {
  await p.id('join-code').fill(code);
  await p.id('join-code').press('Enter');
  await p.id(`seat-${role}`).waitFor();
  await p.id('join-name').fill(name);
  if (shot) await p.shot(shot);
  await p.click(`seat-${role}`);
  if (role !== 'observer' && role !== 'facilitator') {
    await p.id('screen-briefing').waitFor();
    if (shot) await p.shot(`${shot}-briefing`);
    await p.click('briefing-continue');
  }
  await tableReady(p);
}

export async function tableReady(p: Player): Promise<void> {
  await p.id('screen-table').waitFor();
  await p.page.locator('[data-testid="stage"][data-ready="true"] canvas').waitFor();
}

export async function openPage(h: Harness, label: string): Promise<Player> {
  return Player.open(h, label);
}

/** Every delegation presses its Ready button (ends news, talks, resolution, or setup when the table starts itself). */
export async function allReady(players: Player[]): Promise<void> {
  for (const p of players) await p.click('ready');
}

export async function waitPhase(players: Player[], phase: RegExp): Promise<void> {
  for (const p of players) await p.waitText('phase', phase);
}

/** A package no delegation's red lines forbid: per issue the option with the best total points; required issues must have one. */
export function consensusPackage(s: Scenario): Record<string, string> {
  const terms: Record<string, string> = {};
  for (const issue of s.issues) {
    const allowed = issue.options.filter((o) => s.roles.every((r) => !r.redLines.includes(`${issue.id}.${o.id}`)));
    if (allowed.length === 0) {
      if (issue.required) throw new Error(`no option on ${issue.id} is free of every red line`);
      continue;
    }
    const total = (o: string) => s.roles.reduce((n, r) => n + (r.points[issue.id]?.[o] ?? 0), 0);
    terms[issue.id] = allowed.sort((a, b) => total(b.id) - total(a.id))[0].id;
  }
  return terms;
}

/** Turn order of a round, as the engine rotates it. */
export function turnOrder(s: Scenario, round: number): string[] {
  const ids = s.roles.map((r) => r.id);
  const k = (round - 1) % ids.length;
  return [...ids.slice(k), ...ids.slice(0, k)];
}

/** Waits until it is this player's turn (its Pass button is enabled). */
export async function waitTurn(p: Player): Promise<void> {
  await p.waitText('turn', /^Your turn$/);
}
