import type { Scenario } from '../scenario/schema.js';
import { gameError } from './errors.js';
import { issueOf, isRole } from './lookup.js';
import type { GameError, RoleId, Terms } from './types.js';

/**
 * The structured part of a chat line (the text is still what people read). A question to a
 * delegation (`to`, or every delegation in the channel but the sender), a non-binding "what if"
 * package, or a reply to an earlier line (`re`: its message id). Nothing here binds anyone: only
 * formal moves do.
 *
 * - `need`: what do you need on `issue`?
 * - `live_with`: could you live with `option` on `issue`?
 * - `in_return`: what would you want in return for `option` on `issue`?
 * - `what_if`: could you accept this package (issueId -> optionId)?
 * - `reply`: an answer to message `re`; `verdict` sums up an answer to a `what_if` or `live_with`.
 */
export type TalkAct =
  | { kind: 'need'; issue: string; to?: RoleId }
  | { kind: 'live_with'; issue: string; option: string; to?: RoleId }
  | { kind: 'in_return'; issue: string; option: string; to?: RoleId }
  | { kind: 'what_if'; terms: Terms; to?: RoleId }
  | { kind: 'reply'; re: string; verdict?: TalkVerdict };

/** How a delegation answered: yes, yes with one change, no, or "that crosses our red line". */
export type TalkVerdict = 'yes' | 'change' | 'no' | 'red_line';

export const TALK_KINDS = ['need', 'live_with', 'in_return', 'what_if', 'reply'] as const;

/** What a talk act is checked against: the delegations and the issues (Scenario and PublicScenario both fit). */
type TalkScenario = { issues: readonly Scenario['issues'][number][]; roles: readonly { id: string }[] };

/** Checks a talk act against the scenario and the channel's members (null: the public table). */
export function checkTalk(s: TalkScenario, t: TalkAct, members: RoleId[] | null): GameError | null {
  if (t.kind === 'reply') return null;
  if (t.to !== undefined && (!isRole(s, t.to) || (members !== null && !members.includes(t.to))))
    return gameError('chat/bad_talk', `The question is addressed to "${t.to}", who is not in this channel.`);
  if (t.kind === 'what_if') {
    const ids = Object.keys(t.terms);
    if (ids.length === 0 || ids.length > 20)
      return gameError('chat/bad_talk', 'A package names between 1 and 20 issues.');
    for (const id of ids) {
      const bad = badOption(s, id, t.terms[id]);
      if (bad) return bad;
    }
    return null;
  }
  if (!issueOf(s, t.issue)) return gameError('chat/bad_talk', `There is no issue "${t.issue}".`);
  return t.kind === 'need' ? null : badOption(s, t.issue, t.option);
}

function badOption(s: TalkScenario, issue: string, option: string): GameError | null {
  const i = issueOf(s, issue);
  if (!i) return gameError('chat/bad_talk', `There is no issue "${issue}".`);
  if (!i.options.some((o) => o.id === option))
    return gameError('chat/bad_talk', `"${option}" is not an option of ${i.title}.`);
  return null;
}
