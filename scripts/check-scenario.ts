// Checks scenario files by hand: npm run scenario:check -- shared/scenarios/ukraine.json [more.json ...]
import { readFileSync } from 'node:fs';
import { parseScenario } from '../shared/scenario/load.js';

/** Every problem in one file, or an empty list when it is a valid scenario. */
export function checkScenarioFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return [`${file}: cannot be read (${(e as Error).message})`];
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return [`${file}: not valid JSON (${(e as Error).message})`];
  }
  const r = parseScenario(data, file);
  return r.ok ? [] : r.errors;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run scenario:check -- file.json [more.json ...]');
  process.exit(2);
}
let failed = false;
for (const f of files) {
  const errors = checkScenarioFile(f);
  if (errors.length === 0) console.log(`${f}: OK`);
  else {
    failed = true;
    for (const e of errors) console.error(e);
  }
}
process.exit(failed ? 1 : 0);
