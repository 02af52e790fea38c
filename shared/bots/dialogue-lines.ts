import type { PublicScenario } from '../engine/index.js';
import type { LineKey } from '../scenario/dialogue.js';

/**
 * Neutral lines for every key, used where a scenario's `dialogue` section says nothing.
 * Placeholders are listed in shared/scenario/dialogue.ts. No line ever carries a figure.
 */
export const DEFAULT_LINES: Record<LineKey, string[]> = {
  open_warm: ['Gladly.', 'A fair question.', 'Happy to be open with you.'],
  open_plain: ['', 'To answer you:'],
  open_cool: ['Briefly.', 'We will say this much.'],
  priority_high: [
    '{issue} is among the points that matter most to us.',
    'For us, {issue} comes near the top of the list.',
  ],
  priority_mid: ['{issue} matters to us, but it is not everything.', '{issue} is important to us, not decisive.'],
  priority_low: ['We have room to move on {issue}.', '{issue} is not where we will dig in.'],
  want: ['What we are looking for is {option}.', 'Our preference is {option}.'],
  could_live: ['We could also live with {options}.', '{options} would also be workable for us.'],
  red_lines: [
    '{options}: that is a red line for us, and it will not move.',
    'We will never sign {options}. That is a red line.',
  ],
  guarded: [
    'We would rather not lay out our whole position on {issue} yet.',
    'Where we end up on {issue} depends on the rest.',
  ],
  live_yes: ['Yes: we could live with {option} on {issue}.', '{option} on {issue} is something we can work with.'],
  live_maybe: [
    '{option} on {issue} would be hard for us; only inside a package that meets us elsewhere.',
    'We could consider {option} on {issue}, but it would cost us, and we would need something back.',
  ],
  live_no: ['{option} on {issue} is very far from what we need.', 'We do not see {option} on {issue} working for us.'],
  red_line: [
    '{option} on {issue} crosses a red line for us. We will never agree to it.',
    'No. {option} on {issue} is a red line for us.',
  ],
  return_ask: [
    'For {option} on {issue}, we would want {ask} in return.',
    'If we give you {option} on {issue}, we need {ask}.',
  ],
  return_free: [
    '{option} on {issue} already suits us; it needs no price.',
    'You do not need to pay for {option} on {issue}; we want it too.',
  ],
  return_guarded: ['For {option} on {issue} we would need a great deal; make us an offer and we will see.'],
  whatif_yes: ['We could accept that package as it stands.', 'As it stands, that package is one we could accept.'],
  whatif_change: [
    'Close. Make it {option} on {issue} and we could accept it.',
    'Change one thing, {option} on {issue}, and we could say yes.',
  ],
  whatif_no: [
    'That package is too far from what we need; no single change would fix it.',
    'We could not accept that, and one change would not be enough.',
  ],
  whatif_red: [
    'That package crosses a red line for us: {option} on {issue}.',
    'We cannot look at that: {option} on {issue} is a red line for us.',
  ],
  whatif_closed: [
    'Not as it stands. You would have to move toward us on {issue}.',
    'Not in that form; {issue} is the problem.',
  ],
  agenda: ['For this group we suggest we start with {issues}.', 'A proposal for our agenda: {issues}, taken in turn.'],
  after: ['To be open with you: we are after {wants}.', 'So you know where we stand: we are looking for {wants}.'],
  lever_reply: [
    'We have seen what {role} did ({lever}). It will not hurry us.',
    '{role} chose pressure ({lever}). We take note, and we remember.',
  ],
  recap_said: ['While you were away, your stand-in said: {said}.'],
  recap_did: ['It made these moves: {did}.'],
  recap_none: ['While you were away, your stand-in made no move and said nothing of substance.'],
};

/** A small deterministic string hash, to choose among a key's lines without an RNG. */
export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * One line for `key` in the voice of `role`: the delegation's own lines, else the scenario's, else
 * the neutral default; `salt` picks among them; `{name}` placeholders are filled from `vars`.
 */
export function line(
  s: PublicScenario,
  role: string,
  key: LineKey,
  vars: Record<string, string>,
  salt: string,
): string {
  const d = s.dialogue;
  const pool = d?.voices[role]?.[key] ?? d?.lines[key] ?? DEFAULT_LINES[key];
  const tpl = pool[hash(`${salt}|${key}`) % pool.length] ?? '';
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

/** Sentence case: the first letter up. */
export function cap(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
