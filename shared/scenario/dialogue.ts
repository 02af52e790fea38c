import { z } from 'zod';

// The optional `dialogue` section of a scenario: how its delegations word what their bots say
// in the talks (shared/bots/dialogue*.ts). Every key falls back to neutral lines, so a scenario
// without this section still has bots that talk.

/**
 * Every line a bot can say. Placeholders: {me} the speaker, {role} the one spoken to (or who acted),
 * {issue} an issue's title, {option} / {options} option labels, {ask} what it wants in return,
 * {issues} an agenda, {wants} what it is after, {lever} a lever's label, {said} / {did} a recap.
 */
export const LINE_KEYS = [
  // tone openers, by trust between the two delegations
  'open_warm',
  'open_plain',
  'open_cool',
  // what do you need on an issue?
  'priority_high',
  'priority_mid',
  'priority_low',
  'want',
  'could_live',
  'red_lines',
  'guarded',
  // could you live with an option?
  'live_yes',
  'live_maybe',
  'live_no',
  'red_line',
  // what would you want in return?
  'return_ask',
  'return_free',
  'return_guarded',
  // a "what if" package
  'whatif_yes',
  'whatif_change',
  'whatif_no',
  'whatif_red',
  'whatif_closed',
  // initiative
  'agenda',
  'after',
  'lever_reply',
  'recap_said',
  'recap_did',
  'recap_none',
] as const;
export type LineKey = (typeof LINE_KEYS)[number];

const line = z.string().min(1).max(300);
const lines = z.partialRecord(z.enum(LINE_KEYS), z.array(line).min(1).max(6));

export const dialogueSchema = z.object({
  /** Which meter measures trust between two delegations (tone of the answers). A pair not listed uses `defaultTrust`. */
  trust: z.array(z.object({ between: z.tuple([z.string(), z.string()]), meter: z.string() })).default([]),
  /** A meter read for every pair without its own, e.g. a single "trust" meter. */
  defaultTrust: z.string().optional(),
  /** Lines every delegation of this scenario uses, by key (one is chosen per message). */
  lines: lines.default({}),
  /** A delegation's own voice: roleId -> lines that replace the scenario's for that delegation. */
  voices: z.record(z.string(), lines).default({}),
});

export type Dialogue = z.output<typeof dialogueSchema>;
