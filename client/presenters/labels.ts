import type { Phase } from '../../shared/engine/types.js';
import type { PublicScenario } from '../../shared/engine/view.js';

// Names for ids, from the public scenario.

/** A name's possessive: "Ukraine's", but "United States'" (a name ending in s takes only the apostrophe). */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

export function roleName(s: PublicScenario, id: string): string {
  if (id === 'facilitator') return 'Facilitator';
  if (id === 'system') return 'The table';
  if (id === 'observer') return 'Observer';
  return s.roles.find((r) => r.id === id)?.name ?? id;
}

export function roleColor(s: PublicScenario, id: string): string {
  return s.roles.find((r) => r.id === id)?.color ?? '#999999';
}

export function issueTitle(s: PublicScenario, id: string): string {
  return s.issues.find((i) => i.id === id)?.title ?? id;
}

export function optionLabel(s: PublicScenario, issueId: string, optionId: string): string {
  return s.issues.find((i) => i.id === issueId)?.options.find((o) => o.id === optionId)?.label ?? optionId;
}

export function meterLabel(s: PublicScenario, id: string): string {
  return s.meters.find((m) => m.id === id)?.label ?? id;
}

export const PHASE_LABELS: Record<Phase, string> = {
  setup: 'Waiting to start',
  news: 'News',
  talks: 'Talks',
  moves: 'Moves',
  resolution: 'Resolution',
  ended: 'Ended',
};

export const PHASE_HINTS: Record<Phase, string> = {
  setup:
    'The delegations take their seats. The talks open when the facilitator starts them (or when every delegation is ready, if the table starts itself).',
  news: 'A month of war begins: read the news card and how it moved the world.',
  talks: 'Talk on the public table, in bilateral channels and in working groups. Formal moves come next.',
  moves: 'Each delegation in turn makes one formal move: propose, accept, reject, counter, pull a lever, sign or pass.',
  resolution: 'Clauses lock, the meters move, and the war costs every delegation.',
  ended: 'The talks are over.',
};

/** "+3.5" / "-2" / "0" */
export function signed(n: number): string {
  const r = Math.round(n * 10) / 10;
  return r > 0 ? `+${r}` : `${r}`;
}

/**
 * `text` in lines of at most `width` characters, broken between words (a longer word keeps its own line). Chart.js
 * draws an array of strings as a title or a label of several lines.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
