// How the scenario writes an option of an issue: "issue.option" (red lines, claim-a-win lists). No imports, so any
// engine module may use it without an import cycle.

/** How a red line is written in a scenario: "issue.option". */
export function redLineKey(issue: string, option: string): string {
  return `${issue}.${option}`;
}

/** The issue and option a key "issue.option" names (redLineKey's inverse; also the scenario's "issue.option" lists). */
export function parseRedLineKey(key: string): [issue: string, option: string] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, ''] : [key.slice(0, dot), key.slice(dot + 1)];
}
