import { scenarioSchema, type Scenario } from './schema.js';
import { parseRedLineKey } from '../engine/keys.js';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** Validate a parsed scenario file; every error names the file, the path and what is wrong. */
export function parseScenario(data: unknown, file: string): ScenarioResult {
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`);
    return { ok: false, errors };
  }
  const errors = crossCheck(parsed.data).map((e) => `${file}: ${e}`);
  return errors.length ? { ok: false, errors } : { ok: true, scenario: parsed.data };
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/** References between parts of a scenario that a JSON schema cannot check. */
function crossCheck(s: Scenario): string[] {
  const errors: string[] = [];
  const roleIds = new Set(s.roles.map((r) => r.id));
  const meterIds = new Set(s.meters.map((m) => m.id));
  const issueIds = new Set(s.issues.map((i) => i.id));
  const unique = (ids: string[], where: string) => {
    const seen = new Set<string>();
    for (const x of ids) {
      if (seen.has(x)) errors.push(`${where}: the id "${x}" is used twice`);
      seen.add(x);
    }
  };
  const meterRefs = (effects: Record<string, number>, where: string) => {
    for (const m of Object.keys(effects)) if (!meterIds.has(m)) errors.push(`${where}: no meter is called "${m}"`);
  };
  const roleRefs = (ids: Iterable<string>, where: string) => {
    for (const r of ids) if (!roleIds.has(r)) errors.push(`${where}: no role is called "${r}"`);
  };
  unique(
    s.roles.map((r) => r.id),
    'roles',
  );
  unique(
    s.meters.map((m) => m.id),
    'meters',
  );
  unique(
    s.issues.map((i) => i.id),
    'issues',
  );
  unique(
    s.events.map((e) => e.id),
    'events',
  );

  s.meters.forEach((m, i) => {
    if (m.min >= m.max) errors.push(`meters[${i}]: min must be below max`);
    if (m.initial < m.min || m.initial > m.max)
      errors.push(`meters[${i}].initial: ${m.initial} is outside ${m.min}..${m.max}`);
  });
  s.issues.forEach((issue, i) => {
    const where = `issues[${i}]`;
    roleRefs(issue.signatories, `${where}.signatories`);
    unique(
      issue.options.map((o) => o.id),
      `${where}.options`,
    );
    issue.options.forEach((o, j) => meterRefs(o.effects, `${where}.options[${j}].effects`));
    if (issue.fallback && !issue.options.some((o) => o.id === issue.fallback))
      errors.push(`${where}.fallback: "${issue.fallback}" is not one of this issue's options`);
  });
  s.roles.forEach((role, r) => {
    const where = `roles[${r}]`;
    if (role.walkAway.length < s.rounds.max)
      errors.push(
        `${where}.walkAway: needs a value for each of the ${s.rounds.max} rounds, has ${role.walkAway.length}`,
      );
    for (const issue of s.issues) {
      const table = role.points[issue.id];
      if (!table) {
        errors.push(`${where}.points: no points for issue "${issue.id}"`);
        continue;
      }
      for (const o of issue.options)
        if (typeof table[o.id] !== 'number') errors.push(`${where}.points.${issue.id}: no points for option "${o.id}"`);
      for (const k of Object.keys(table))
        if (!issue.options.some((o) => o.id === k))
          errors.push(`${where}.points.${issue.id}: "${k}" is not an option of this issue`);
    }
    for (const k of Object.keys(role.points))
      if (!issueIds.has(k)) errors.push(`${where}.points: no issue is called "${k}"`);
    role.redLines.forEach((rl, j) => {
      const [iss, opt] = parseRedLineKey(rl);
      const issue = s.issues.find((x) => x.id === iss);
      if (!issue || !issue.options.some((o) => o.id === opt))
        errors.push(`${where}.redLines[${j}]: "${rl}" names no option`);
    });
    unique(
      role.levers.map((l) => l.id),
      `${where}.levers`,
    );
    role.levers.forEach((l, j) => {
      meterRefs(l.effects, `${where}.levers[${j}].effects`);
      roleRefs(Object.keys(l.walkAway), `${where}.levers[${j}].walkAway`);
    });
  });
  s.events.forEach((e, i) => {
    meterRefs(e.effects, `events[${i}].effects`);
    roleRefs(Object.keys(e.walkAway), `events[${i}].walkAway`);
  });
  s.workingGroups.forEach((g, i) => roleRefs(g.members, `workingGroups[${i}].members`));
  if (s.dialogue) {
    s.dialogue.trust.forEach((t, i) => {
      roleRefs(t.between, `dialogue.trust[${i}].between`);
      if (!meterIds.has(t.meter)) errors.push(`dialogue.trust[${i}].meter: no meter is called "${t.meter}"`);
    });
    if (s.dialogue.defaultTrust && !meterIds.has(s.dialogue.defaultTrust))
      errors.push(`dialogue.defaultTrust: no meter is called "${s.dialogue.defaultTrust}"`);
    roleRefs(Object.keys(s.dialogue.voices), 'dialogue.voices');
  }

  const m = s.mechanics;
  if (m.sequencing) {
    const q = m.sequencing;
    if (!issueIds.has(q.first)) errors.push(`mechanics.sequencing.first: no issue is called "${q.first}"`);
    if (!issueIds.has(q.later)) errors.push(`mechanics.sequencing.later: no issue is called "${q.later}"`);
    roleRefs([q.role], 'mechanics.sequencing.role');
    if (!meterIds.has(q.meter)) errors.push(`mechanics.sequencing.meter: no meter is called "${q.meter}"`);
  }
  roleRefs(Object.keys(m.costOfTime.perRound), 'mechanics.costOfTime.perRound');
  if (m.costOfTime.scaleMeter && !meterIds.has(m.costOfTime.scaleMeter))
    errors.push(`mechanics.costOfTime.scaleMeter: no meter is called "${m.costOfTime.scaleMeter}"`);
  if (m.costOfTime.stopsWhen && !issueIds.has(m.costOfTime.stopsWhen))
    errors.push(`mechanics.costOfTime.stopsWhen: no issue is called "${m.costOfTime.stopsWhen}"`);
  meterRefs(m.costOfTime.drift, 'mechanics.costOfTime.drift');
  for (const k of Object.keys(m.durability.meterWeights))
    if (!meterIds.has(k)) errors.push(`mechanics.durability.meterWeights: no meter is called "${k}"`);
  if (s.rounds.default > s.rounds.max) errors.push('rounds.default: must not exceed rounds.max');
  if (s.reference) {
    for (const [iss, opt] of Object.entries(s.reference.terms)) {
      const issue = s.issues.find((x) => x.id === iss);
      if (!issue || !issue.options.some((o) => o.id === opt))
        errors.push(`reference.terms.${iss}: "${opt}" names no option`);
    }
  }
  return errors;
}
