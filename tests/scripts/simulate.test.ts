import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('npm run simulate', () => {
  it('--json with --scenario and --strategies prints the report for machines', () => {
    const r = run(
      '--games',
      '6',
      '--seed',
      '2',
      '--scenario',
      'harbour_dispute',
      '--strategies',
      'north=boulware,tft',
      '--json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      scenario: 'harbour_dispute',
      games: 6,
      seed: 2,
      strategies: 'north=boulware,tft',
      illegalActions: 0,
    });
    for (const k of [
      'agreementRate',
      'roundsToAgreement',
      'durability',
      'scores',
      'topSurplusPct',
      'bottomSurplusPct',
      'optionsPct',
      'sequencing',
      'pareto',
      'speed',
    ])
      expect(j, k).toHaveProperty(k);
    expect(j.speed.gamesPerSecond).toBeGreaterThan(0);
  }, 60_000);

  it('applies a --tune patch in memory, and refuses one that breaks the scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ roles: [{ id: 'north', walkAway: [0, 0, 0, 0, 0, 0] }] }));
    const base = JSON.parse(run('--games', '6', '--scenario', 'harbour_dispute', '--json').out);
    const tuned = JSON.parse(run('--games', '6', '--scenario', 'harbour_dispute', '--tune', good, '--json').out);
    expect(tuned.scores.north).not.toEqual(base.scores.north);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ roles: [{ id: 'north', walkAway: [1] }] }));
    const r = run('--games', '2', '--scenario', 'harbour_dispute', '--tune', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tuned scenario is invalid/);
  }, 60_000);

  it('prints text by default and refuses bad options with exit code 2', () => {
    const t = run('--games', '3', '--scenario', 'harbour_dispute');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/agreement rate: .*\n.*rounds to agreement/);
    for (const [args, msg] of [
      [['--strategies', 'greedy'], /unknown strategy "greedy"/],
      [['--scenario', 'nope'], /no scenario "nope"/],
      [['--games'], /--games needs a value/],
      [['--careful', '2'], /--careful must be between 0 and 1/],
    ] as const) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
    }
  }, 60_000);
});
