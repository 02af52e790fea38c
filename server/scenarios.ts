import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../shared/scenario/load.js';
import type { Scenario } from '../shared/scenario/schema.js';
import { config, DEFAULT_SCENARIO_DIR } from './config.js';

export const DEFAULT_SCENARIO = 'ukraine_peace_talks';
export const SCENARIO_DIR = DEFAULT_SCENARIO_DIR;

/** Reads and validates one scenario file; throws with every problem named. */
export function loadScenarioFile(file: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const r = parseScenario(data, file);
  if (!r.ok) throw new Error(`Scenario file has problems:\n  ${r.errors.join('\n  ')}`);
  return r.scenario;
}

/** Every scenario in a folder, by id. */
export function loadScenarios(dir = config().scenarioDir): Map<string, Scenario> {
  const out = new Map<string, Scenario>();
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const s = loadScenarioFile(join(dir, f));
    if (out.has(s.id)) throw new Error(`${join(dir, f)}: scenario id "${s.id}" is used by another file too`);
    out.set(s.id, s);
  }
  return out;
}
