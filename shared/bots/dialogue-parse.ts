import type { PublicScenario, RoleId, TalkAct, Terms } from '../engine/index.js';

// Free text in, a question out, where it can be understood: simple matching on the scenario's own
// issue titles and option labels (and ids), no language model. Anything unclear gives null, and a
// bot stays silent rather than guess.

function norm(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

function has(hay: string, phrase: string): boolean {
  const p = norm(phrase).trim();
  return p.length >= 3 && hay.includes(` ${p} `);
}

/** Issues named in the text: by title or id; failing that, by the title's first word when it is distinctive (5+ letters, no other title starts with it). */
export function namedIssues(s: PublicScenario, text: string): string[] {
  const t = norm(text);
  const exact = s.issues.filter((i) => has(t, i.title) || has(t, i.id.replace(/_/g, ' '))).map((i) => i.id);
  if (exact.length) return exact;
  const first = (title: string) => norm(title).trim().split(' ')[0] ?? '';
  return s.issues
    .filter((i) => {
      const w = first(i.title);
      return w.length >= 5 && s.issues.every((o) => o.id === i.id || first(o.title) !== w) && has(t, w);
    })
    .map((i) => i.id);
}

/** Options named in the text, by label or id, at most one per issue (the longest match wins). */
export function namedOptions(s: PublicScenario, text: string): Terms {
  const t = norm(text);
  const out: Terms = {};
  const len: Record<string, number> = {};
  for (const i of s.issues)
    for (const o of i.options)
      for (const phrase of [o.label, o.id.replace(/_/g, ' ')]) {
        const n = norm(phrase).trim().length;
        if (has(t, phrase) && n > (len[i.id] ?? 0)) {
          out[i.id] = o.id;
          len[i.id] = n;
        }
      }
  return out;
}

/** The delegation a line names, among `among`: by id, name, short name, or a word of its name no other delegation's name shares. */
export function namedRole(s: PublicScenario, text: string, among: RoleId[]): RoleId | undefined {
  const t = norm(text);
  const words = (name: string) =>
    norm(name)
      .trim()
      .split(' ')
      .filter((w) => w.length >= 4);
  const own = (id: RoleId, name: string) =>
    words(name).filter((w) => s.roles.every((o) => o.id === id || !words(o.name).includes(w)));
  return s.roles.find(
    (r) =>
      among.includes(r.id) &&
      (has(t, r.name) ||
        has(t, r.id) ||
        (r.short.length >= 2 && t.includes(` ${r.short.toLowerCase()} `)) ||
        own(r.id, r.name).some((w) => t.includes(` ${w} `))),
  )?.id;
}

/**
 * Reads a question from free text: "what if / how about / would you accept" with named options, or
 * two or more options, is a package; "in return" with one option asks the price; one option with a
 * question mark asks "could you live with it"; an issue alone with a question mark asks what is
 * needed. Returns null when the line is not a question about the scenario's own terms.
 */
export function parseTalk(
  s: PublicScenario,
  text: string,
  among: RoleId[],
): Exclude<TalkAct, { kind: 'reply' }> | null {
  const t = norm(text);
  const question = text.includes('?');
  const opts = namedOptions(s, text);
  const ids = Object.keys(opts);
  // A delegation named inside an option's label ("US assurance") is not the one addressed.
  let rest = norm(text);
  for (const [i, o] of Object.entries(opts)) {
    const option = s.issues.find((x) => x.id === i)?.options.find((x) => x.id === o);
    for (const phrase of option ? [option.label, option.id.replace(/_/g, ' ')] : [])
      rest = rest.split(norm(phrase).trim()).join(' ');
  }
  const to = namedRole(s, rest, among);
  const addressed = to ? { to } : {};
  const floated = /\b(what if|how about|would you accept|could you accept|suppose)\b/.test(t);
  if (ids.length >= 1 && (floated || (ids.length >= 2 && question)))
    return { kind: 'what_if', terms: opts, ...addressed };
  if (!question) return null;
  if (ids.length === 1 && /\b(in return|in exchange|want for|price|what would you want)\b/.test(t))
    return { kind: 'in_return', issue: ids[0], option: opts[ids[0]], ...addressed };
  if (ids.length === 1) return { kind: 'live_with', issue: ids[0], option: opts[ids[0]], ...addressed };
  const issues = namedIssues(s, text);
  if (issues.length === 1) return { kind: 'need', issue: issues[0], ...addressed };
  return null;
}
