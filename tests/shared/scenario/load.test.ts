import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarios, SCENARIO_DIR } from '../../../server/scenarios.js';
import { parseScenario } from '../../../shared/scenario/load.js';
import { scenarioJsonSchema } from '../../../shared/scenario/json-schema.js';
import { miniScenarioData } from '../../fixtures/mini-scenario.js';

const ROOT = resolve(__dirname, '../../..');
const SMALL = join(SCENARIO_DIR, 'small.json');
const UKRAINE = join(SCENARIO_DIR, 'ukraine.json');

// Loosely typed on purpose: the tests break the data in ways its inferred type forbids.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
/** Errors of the mini scenario after `edit`; the file name is always mini.json. */
function errorsAfter(edit: (d: Data) => void): string[] {
  const d = miniScenarioData();
  edit(d);
  const r = parseScenario(d, 'mini.json');
  return r.ok ? [] : r.errors;
}

describe('the real scenarios', () => {
  it('ukraine.json validates: four roles, 8 to 12 issues, 12+ events, every item sourced', () => {
    const s = loadScenarioFile(UKRAINE);
    expect(s.id).toBe('ukraine_peace_talks');
    expect(s.roles.map((r) => r.id).sort()).toEqual(['europe', 'russia', 'ukraine', 'usa']);
    expect(s.issues.length).toBeGreaterThanOrEqual(8);
    expect(s.issues.length).toBeLessThanOrEqual(12);
    for (const i of s.issues) expect(i.options.length, i.id).toBeGreaterThanOrEqual(3);
    for (const i of s.issues) expect(i.options.length, i.id).toBeLessThanOrEqual(5);
    expect(s.events.length).toBeGreaterThanOrEqual(12);
    expect(s.mechanics.sequencing).toBeDefined();
  });

  it('small.json validates and is not about Ukraine', () => {
    const s = loadScenarioFile(SMALL);
    expect(s.id).toBe('harbour_dispute');
    expect(s.roles.length).toBeGreaterThanOrEqual(2);
    expect(s.roles.length).toBeLessThanOrEqual(3);
    expect(s.issues.length).toBeGreaterThanOrEqual(2);
    expect(s.issues.length).toBeLessThanOrEqual(3);
  });

  it('loadScenarios finds both by id', () => {
    const all = loadScenarios();
    expect(all.get('ukraine_peace_talks')).toBeDefined();
    expect(all.get('harbour_dispute')).toBeDefined();
  });
});

describe('error messages name the file, the path and what is wrong', () => {
  it('the fixture itself is valid', () => {
    expect(errorsAfter(() => {})).toEqual([]);
  });

  it('a missing points entry', () => {
    expect(errorsAfter((d) => delete (d.roles[0].points.land as Record<string, number>).y)).toEqual([
      'mini.json: roles[0].points.land: no points for option "y"',
    ]);
    expect(errorsAfter((d) => delete (d.roles[2].points as Partial<(typeof d.roles)[2]['points']>).guard)).toEqual([
      'mini.json: roles[2].points: no points for issue "guard"',
    ]);
    expect(errorsAfter((d) => ((d.roles[1].points.land as Record<string, number>).w = 3))).toEqual([
      'mini.json: roles[1].points.land: "w" is not an option of this issue',
    ]);
  });

  it('a bad red line', () => {
    expect(errorsAfter((d) => (d.roles[1].redLines = ['land.w']))).toEqual([
      'mini.json: roles[1].redLines[0]: "land.w" names no option',
    ]);
    expect(errorsAfter((d) => (d.roles[1].redLines = ['land.x', 'sea.x']))).toEqual([
      'mini.json: roles[1].redLines[1]: "sea.x" names no option',
    ]);
    expect(errorsAfter((d) => (d.roles[1].redLines = ['landx']))).toEqual([
      'mini.json: roles[1].redLines[0]: red lines are written "issue.option"',
    ]);
  });

  it('an unknown meter in effects', () => {
    expect(errorsAfter((d) => (d.issues[0].options[1].effects = { heet: 5 }))).toEqual([
      'mini.json: issues[0].options[1].effects: no meter is called "heet"',
    ]);
    expect(errorsAfter((d) => (d.events[1].effects = { morale: 1 }))).toEqual([
      'mini.json: events[1].effects: no meter is called "morale"',
    ]);
    expect(errorsAfter((d) => (d.roles[2].levers[0].effects = { x: 1 }))).toEqual([
      'mini.json: roles[2].levers[0].effects: no meter is called "x"',
    ]);
    expect(errorsAfter((d) => (d.mechanics.costOfTime.drift = { cold: -1 }))).toEqual([
      'mini.json: mechanics.costOfTime.drift: no meter is called "cold"',
    ]);
  });

  it('a walk-away curve shorter than the longest game', () => {
    expect(errorsAfter((d) => (d.roles[2].walkAway = [1, 2]))).toEqual([
      'mini.json: roles[2].walkAway: needs a value for each of the 4 rounds, has 2',
    ]);
  });

  it('a bad colour', () => {
    expect(errorsAfter((d) => (d.roles[0].color = 'red'))).toEqual(['mini.json: roles[0].color: colours are #rrggbb']);
    expect(errorsAfter((d) => (d.roles[1].color = '#12345'))).toEqual([
      'mini.json: roles[1].color: colours are #rrggbb',
    ]);
  });

  it('references between parts', () => {
    expect(errorsAfter((d) => (d.issues[1].signatories = ['a', 'd']))).toEqual([
      'mini.json: issues[1].signatories: no role is called "d"',
    ]);
    expect(errorsAfter((d) => ((d.issues[1] as { fallback?: string }).fallback = 'w'))).toEqual([
      'mini.json: issues[1].fallback: "w" is not one of this issue\'s options',
    ]);
    expect(errorsAfter((d) => (d.mechanics.sequencing.first = 'guards'))).toEqual([
      'mini.json: mechanics.sequencing.first: no issue is called "guards"',
    ]);
    expect(errorsAfter((d) => (d.mechanics.costOfTime.stopsWhen = 'peace'))).toEqual([
      'mini.json: mechanics.costOfTime.stopsWhen: no issue is called "peace"',
    ]);
    expect(errorsAfter((d) => (d.events[1].id = 'e1'))).toEqual(['mini.json: events: the id "e1" is used twice']);
    expect(errorsAfter((d) => (d.meters[0].initial = 150))).toEqual([
      'mini.json: meters[0].initial: 150 is outside 0..100',
    ]);
    expect(errorsAfter((d) => (d.rounds.default = 5))).toEqual([
      'mini.json: rounds.default: must not exceed rounds.max',
    ]);
    expect(errorsAfter((d) => (d.reference.terms.land = 'w'))).toEqual([
      'mini.json: reference.terms.land: "w" names no option',
    ]);
  });

  it('shape errors: a missing field, a bad id, too few options', () => {
    expect(errorsAfter((d) => delete (d as Partial<Data>).title)).toEqual([
      'mini.json: title: Invalid input: expected string, received undefined',
    ]);
    expect(errorsAfter((d) => (d.issues[1].options[0].id = 'X'))).toEqual([
      'mini.json: issues[1].options[0].id: ids are lower-case letters, digits and underscores, starting with a letter',
    ]);
    expect(errorsAfter((d) => (d.issues[0].options = d.issues[0].options.slice(0, 1)))).toEqual([
      'mini.json: issues[0].options: Too small: expected array to have >=2 items',
    ]);
  });

  it('reports every problem at once, in order', () => {
    const errors = errorsAfter((d) => {
      d.roles[1].redLines = ['land.w'];
      d.roles[2].walkAway = [1];
      d.events[0].effects = { nope: 1 };
    });
    expect(errors).toEqual([
      'mini.json: roles[1].redLines[0]: "land.w" names no option',
      'mini.json: roles[2].walkAway: needs a value for each of the 4 rounds, has 1',
      'mini.json: events[0].effects: no meter is called "nope"',
    ]);
  });

  it('loadScenarioFile names the file on bad JSON and on a bad scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scn-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "id": ');
    expect(() => loadScenarioFile(broken)).toThrow(`${broken}: not valid JSON`);
    const bad = join(dir, 'bad.json');
    const d = miniScenarioData();
    d.roles[0].color = 'blue';
    writeFileSync(bad, JSON.stringify(d));
    expect(() => loadScenarioFile(bad)).toThrow(`${bad}: roles[0].color: colours are #rrggbb`);
  });
});

describe('JSON Schema for editors', () => {
  it('docs/scenario.schema.json is the generated one (run npm run schema after changing the schema)', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'docs/scenario.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });

  it('describes the file as written: defaulted fields are optional, patterns kept', () => {
    const js = scenarioJsonSchema() as {
      required: string[];
      properties: Record<string, { items?: { properties: Record<string, unknown>; required: string[] } }>;
    };
    expect(js.required).toEqual(
      expect.arrayContaining(['id', 'title', 'roles', 'issues', 'meters', 'events', 'mechanics']),
    );
    expect(js.required).not.toContain('workingGroups');
    const role = js.properties.roles.items!;
    expect(role.required).toContain('confidential');
    expect(role.required).not.toContain('levers');
    expect(role.properties.color).toMatchObject({ pattern: '^#[0-9a-fA-F]{6}$' });
  });
});

describe('npm run scenario:check', () => {
  const run = (...files: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/check-scenario.ts', ...files], { cwd: ROOT, encoding: 'utf8' });

  it('prints OK for valid files and exits 0', () => {
    const r = run(SMALL, UKRAINE);
    expect(r.stdout).toContain(`${SMALL}: OK`);
    expect(r.stdout).toContain(`${UKRAINE}: OK`);
    expect(r.status).toBe(0);
  });

  it('prints every error and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scn-'));
    const bad = join(dir, 'bad.json');
    const d = miniScenarioData();
    d.roles[1].redLines = ['land.w'];
    d.roles[2].walkAway = [1];
    writeFileSync(bad, JSON.stringify(d));
    const r = run(bad);
    expect(r.stderr).toContain(`${bad}: roles[1].redLines[0]: "land.w" names no option`);
    expect(r.stderr).toContain(`${bad}: roles[2].walkAway: needs a value for each of the 4 rounds, has 1`);
    expect(r.status).toBe(1);
    const missing = run(join(dir, 'missing.json'));
    expect(missing.stderr).toContain('missing.json: cannot be read');
    expect(missing.status).toBe(1);
  });

  it('without a file prints usage', () => {
    const r = run();
    expect(r.stderr).toContain('usage');
    expect(r.status).toBe(2);
  });
});
