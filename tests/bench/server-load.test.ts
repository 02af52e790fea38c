import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPARE_ROUNDS, scenarioDir } from '../../bench/server-load.js';
import { loadScenarios } from '../../server/scenarios.js';
import { createOptionsSchema } from '../../shared/protocol.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'bench-scenarios-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the bench's long games", () => {
  it('writes scenarios that load with the compare rounds, each walk-away curve held at its last value', () => {
    const own = loadScenarios();
    const to = scenarioDir(temp(), COMPARE_ROUNDS);
    expect(to).not.toBeNull();
    const long = loadScenarios(to!);
    expect([...long.keys()].sort()).toEqual([...own.keys()].sort());
    const u = long.get('ukraine_peace_talks')!;
    const before = own.get('ukraine_peace_talks')!;
    expect(u.rounds.max).toBe(COMPARE_ROUNDS);
    const r = u.roles[0];
    expect(r.walkAway).toHaveLength(COMPARE_ROUNDS);
    expect(r.walkAway.slice(0, before.rounds.max)).toEqual(before.roles[0].walkAway);
    expect(r.walkAway.at(-1)).toBe(before.roles[0].walkAway.at(-1));
  });

  it('leaves the scenarios alone when they already allow the rounds', () => {
    expect(scenarioDir(temp(), 1)).toBeNull();
  });

  it('asks for no more rounds than a table may', () => {
    expect(createOptionsSchema.safeParse({ rounds: COMPARE_ROUNDS }).success).toBe(true);
  });
});
