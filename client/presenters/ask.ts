import type { PublicScenario, TalkAct, Terms } from '../../shared/engine/index.js';
import { roleName } from './labels.js';

// Quick questions and "what if" packages for the talks: the structured talk act and the line people read.

export type AskKind = 'need' | 'live_with' | 'in_return';

export const ASK_KINDS: { id: AskKind; label: string }[] = [
  { id: 'need', label: 'What do you need on…' },
  { id: 'live_with', label: 'Could you live with…' },
  { id: 'in_return', label: 'What would you want in return for…' },
];

function issue(s: PublicScenario, id: string) {
  return s.issues.find((i) => i.id === id);
}

function optionLabel(s: PublicScenario, i: string, o: string): string {
  return issue(s, i)?.options.find((x) => x.id === o)?.label ?? o;
}

const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** A quick question as a chat action's `text` and `talk`; `to` (optional) addresses one delegation in the channel. */
export function quickQuestion(
  s: PublicScenario,
  kind: AskKind,
  issueId: string,
  option: string,
  to?: string,
): { text: string; talk: TalkAct } {
  const q = question(s, kind, issueId, option, to);
  return { ...q, text: cap(q.text) };
}

function question(
  s: PublicScenario,
  kind: AskKind,
  issueId: string,
  option: string,
  to?: string,
): { text: string; talk: TalkAct } {
  const i = issue(s, issueId);
  const title = i?.title ?? issueId;
  const who = to ? `${roleName(s, to)}, ` : '';
  const tail = to ? { to } : {};
  if (kind === 'need')
    return { text: `${who}what do you need on ${title}?`, talk: { kind: 'need', issue: issueId, ...tail } };
  const opt = optionLabel(s, issueId, option);
  if (kind === 'live_with')
    return {
      text: `${who}could you live with ${opt} (${title})?`,
      talk: { kind: 'live_with', issue: issueId, option, ...tail },
    };
  return {
    text: `${who}what would you want in return for ${opt} (${title})?`,
    talk: { kind: 'in_return', issue: issueId, option, ...tail },
  };
}

/** A non-binding package floated in a channel: "What if: …". Null when it names no issue. */
export function floatPackage(s: PublicScenario, terms: Terms): { text: string; talk: TalkAct } | null {
  const ids = Object.keys(terms).filter((k) => terms[k]);
  if (!ids.length) return null;
  const parts = ids.map((i) => `${issue(s, i)?.title ?? i}: ${optionLabel(s, i, terms[i])}`);
  const clean = Object.fromEntries(ids.map((i) => [i, terms[i]]));
  return { text: `What if (not binding): ${parts.join('; ')}?`.slice(0, 500), talk: { kind: 'what_if', terms: clean } };
}

/** How a reply's verdict reads next to it in the channel. */
export function verdictTag(talk: TalkAct | undefined): string {
  if (talk?.kind !== 'reply' || !talk.verdict) return '';
  return { yes: 'acceptable', change: 'with a change', no: 'not acceptable', red_line: 'red line' }[talk.verdict];
}
