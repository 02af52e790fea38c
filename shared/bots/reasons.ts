import type { PublicScenario, RoleId, Terms } from '../engine/index.js';
import { bestOption, pts, type Self } from './utility.js';

// Public one-line reasons: what a delegation would say at the table, never its numbers.

export function names(s: PublicScenario, roles: RoleId[]): string {
  const n = roles.map((r) => s.roles.find((x) => x.id === r)?.name ?? r);
  return n.length <= 1 ? (n[0] ?? '') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

/** An issue's title inside a sentence: "territory and the line", but "NATO and alignment" (acronyms kept). */
function title(s: PublicScenario, issue: string): string {
  const t = s.issues.find((i) => i.id === issue)?.title ?? issue;
  return /^[A-Z]{2}/.test(t) ? t : t.charAt(0).toLowerCase() + t.slice(1);
}

function list(s: PublicScenario, issues: string[]): string {
  const t = issues.slice(0, 2).map((i) => title(s, i));
  return t.length === 2 ? `${t[0]} and ${t[1]}` : (t[0] ?? 'the open points');
}

/** The issues on which the terms give this delegation its best, and those on which it gives ground. */
export function split(s: PublicScenario, me: Self, terms: Terms): { kept: string[]; gave: string[] } {
  const kept: string[] = [];
  const gave: string[] = [];
  for (const [i, o] of Object.entries(terms)) {
    const issue = s.issues.find((x) => x.id === i);
    if (!issue) continue;
    if (pts(me, i, o) >= pts(me, i, bestOption(me, issue))) kept.push(i);
    else gave.push(i);
  }
  const weight = (i: string) => -Math.abs(pts(me, i, terms[i]));
  kept.sort((a, b) => weight(a) - weight(b));
  gave.sort((a, b) => weight(a) - weight(b));
  return { kept, gave };
}

export function proposeReason(s: PublicScenario, me: Self, to: RoleId[], terms: Terms, counter: RoleId | null): string {
  const { kept, gave } = split(s, me, terms);
  const head = counter ? `We answer ${names(s, [counter])} with our own text` : `We put a package to ${names(s, to)}`;
  if (gave.length && kept.length) return `${head}: we move on ${list(s, gave)} if we are met on ${list(s, kept)}.`;
  if (gave.length) return `${head}: we have moved on ${list(s, gave)} to find common ground.`;
  return `${head}: ${list(s, kept)} ${kept.length > 1 ? 'are' : 'is'} where we must stand.`;
}

export function acceptReason(
  s: PublicScenario,
  me: Self,
  from: RoleId,
  terms: Terms,
  guaranteeFirst: string | null,
): string {
  const { kept } = split(s, me, terms);
  const because = guaranteeFirst
    ? `because ${title(s, guaranteeFirst)} is locked first`
    : kept.length
      ? `because it respects our position on ${list(s, kept)}`
      : 'because it is the best the table can reach now';
  return `We accept the proposal from ${names(s, [from])} ${because}.`;
}
