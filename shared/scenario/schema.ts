import { z } from 'zod';
import { dialogueSchema } from './dialogue.js';

// A scenario is data an instructor can edit by hand; this schema is its contract.
// Every item that states a fact carries `source`: the seed file it comes from.

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'ids are lower-case letters, digits and underscores, starting with a letter');
const source = z.string().min(1, 'name the seed file this comes from');
const text = z.string().min(1);
const meterDeltas = z.record(id, z.number()).default({});
const roleNumbers = z.record(id, z.number()).default({});

export const meterSchema = z.object({
  id,
  label: text,
  description: text,
  min: z.number().default(0),
  max: z.number().default(100),
  initial: z.number(),
  /** Which way is good for a deal, for gauges: 'higher' or 'lower' or 'neutral'. */
  polarity: z.enum(['higher', 'lower', 'neutral']).default('neutral'),
  source,
});

export const optionSchema = z.object({
  id,
  label: text,
  description: text,
  /** Meter changes applied once, when a clause settles on this option. */
  effects: meterDeltas,
  /** Points this option adds to (or takes from) the durability of a signed deal. */
  durability: z.number().default(0),
  source,
});

export const issueSchema = z.object({
  id,
  title: text,
  description: text,
  /** Roles that must all accept the same option for the clause to settle. */
  signatories: z.array(id).min(1),
  /** Required issues must be settled before the framework can be signed. */
  required: z.boolean().default(false),
  /** Option that stands when the game ends with a deal but this issue unsettled. */
  fallback: id.optional(),
  /** Options ordered from one side's ideal to the other's. */
  options: z.array(optionSchema).min(2).max(6),
  source,
});

export const leverSchema = z.object({
  id,
  label: text,
  description: text,
  effects: meterDeltas,
  /** Shifts to each role's walk-away value (a lever never touches a score directly). */
  walkAway: roleNumbers,
  /** Times the lever may be pulled in one game. */
  uses: z.number().int().min(1).default(1),
  source,
});

export const roleSchema = z.object({
  id,
  name: text,
  short: z.string().min(1).max(4),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are #rrggbb'),
  public: z.object({ profile: text, source }),
  confidential: z.object({
    brief: text,
    interests: z.array(text).min(1),
    redLinesText: z.array(text).default([]),
    priorities: z.array(text).min(1),
    domesticFear: text,
    source,
  }),
  /** points[issueId][optionId]: this role's private value of each option. */
  points: z.record(id, z.record(id, z.number())),
  /** Options this role can never accept or propose: "issue.option". */
  redLines: z.array(z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/, 'red lines are written "issue.option"')).default([]),
  /** Value of "no deal, the war goes on" at the end of each round (index 0 = round 1). */
  walkAway: z.array(z.number()).min(1),
  levers: z.array(leverSchema).default([]),
});

export const eventSchema = z.object({
  id,
  title: text,
  text,
  effects: meterDeltas,
  walkAway: roleNumbers,
  /** Relative chance of being drawn. */
  weight: z.number().positive().default(1),
  source,
});

export const workingGroupSchema = z.object({ id, label: text, members: z.array(id).min(2), source });

export const mechanicsSchema = z.object({
  /** Negotiating `later` before `first` is locked hurts `role`'s public support and the deal's durability. */
  sequencing: z
    .object({
      first: id,
      later: id,
      role: id,
      meter: id,
      meterDelta: z.number(),
      durabilityPenalty: z.number().min(0),
      /** Walk-away shifts when the rule is broken (the cost falls hardest on `role`, seed 000). */
      walkAway: roleNumbers,
      /** Political cost taken off each role's final score when the rule is broken, deal or no deal. */
      score: roleNumbers,
      /** A party that must not sit at the table of `first` (seed 000: the Budapest Memorandum lesson). */
      excluded: z
        .object({ role: id, meterDelta: z.number(), durabilityPenalty: z.number().min(0), score: roleNumbers, source })
        .optional(),
      source,
    })
    .optional(),
  /** War cost charged to each role every round until the framework is signed (or, if given, until `stopsWhen` is settled). */
  costOfTime: z.object({
    perRound: roleNumbers,
    /** Cost is multiplied by (0.5 + meter/max) of this meter, if given. */
    scaleMeter: id.optional(),
    stopsWhen: id.optional(),
    /** Meter changes every round the war goes on. */
    drift: meterDeltas,
    source,
  }),
  durability: z.object({
    base: z.number(),
    /** Added: weight * (meter - min) / (max - min) for each listed meter. */
    meterWeights: z.record(id, z.number()).default({}),
    /** Whether `role` can claim a win at home: `bonus` if the package holds at least `need` of `options` ("issue.option"), else `penalty` taken off. */
    claimWin: z
      .object({
        role: id,
        options: z.array(z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/)).min(1),
        need: z.number().int().min(1),
        bonus: z.number(),
        penalty: z.number(),
        source,
      })
      .optional(),
    source,
  }),
  /** Refused channels keep two delegations apart in every offer; `relay` alone may carry an offer between them (seed 001). */
  formats: z.object({ relay: id.optional(), source }).optional(),
  /** The leaders' channel: one summit offer to every delegation, once `prepared` clauses are settled; accepted by all, its parties also sign. */
  leaders: z.object({ prepared: z.number().int().min(1), source }).optional(),
  /**
   * Ratification (seed 000): `role` may sign the framework only while the `meter` (its public's support) is at
   * least `min`; a text its public rejects will not be carried out.
   */
  mandate: z.object({ role: id, meter: id, min: z.number(), source }).optional(),
  /** Snap-back: if the war resumes after a deal, options listed here fall back to `to` (shown in the aftermath). */
  snapBack: z.object({ issue: id, options: z.array(id).min(1), to: id, source }).optional(),
});

const story = (fallback: string) => z.string().min(1).default(fallback);

/**
 * The words the engine logs and the aftermath tells, so a scenario tells its own story. Neutral defaults;
 * placeholders in braces: {durability}, {first}, {later}, {role}, {excluded}, {year}, {option}.
 */
export const storySchema = z
  .object({
    cost: story('Another round passes without an agreement: every party pays its cost.'),
    costStopped: story('The truce holds this round: no party pays more.'),
    signed: story('The agreement is signed. Estimated durability: {durability}%.'),
    noDeal: story('The last round ends without a signed agreement.'),
    ended: story('The facilitator ends the talks.'),
    lastCall: story('The text is complete: every party may still sign before the talks close.'),
    sequencing: story('{later} was settled before {first} was locked: {role} loses support at home.'),
    sequencingTogether: story(
      '{later} was settled in the same package as {first}, not after it: {role} loses support at home.',
    ),
    excluded: story('{excluded} took part in agreeing {first}: {role} trusts it less.'),
    aftermathStrong: story('Year one: the agreement holds, and incidents are settled at the table.'),
    aftermathMiddling: story('Year one: the agreement holds, but violations are frequent.'),
    aftermathFragile: story('Year one: the agreement is fragile from the start.'),
    aftermathSequencing: story(
      '{later} was agreed before {first} was secured; the party that gave it is weakened at home.',
    ),
    aftermathExcluded: story('{excluded} helped write {first}, which makes the promise weaker.'),
    aftermathResumed: story('Year {year}: the dispute flares up again; the agreement did not hold.'),
    aftermathQuiet: story('Years two to five: the agreement holds.'),
    aftermathSnapBack: story('{option} snaps back when the agreement breaks down.'),
    aftermathNoDeal: story('The last round passed without an agreement; every party keeps paying for it.'),
    aftermathEnded: story('The talks were called off before the parties could agree.'),
  })
  .prefault({});

export const scenarioSchema = z.object({
  id,
  title: text,
  summary: text,
  version: z.number().int().min(1).default(1),
  rounds: z.object({
    default: z.number().int().min(1),
    max: z.number().int().min(1),
  }),
  /** Seconds per phase by default (the table's creator may change them). */
  phaseSeconds: z.object({
    news: z.number().int().min(0),
    talks: z.number().int().min(0),
    moves: z.number().int().min(0),
    resolution: z.number().int().min(0),
  }),
  roles: z.array(roleSchema).min(2).max(6),
  issues: z.array(issueSchema).min(1).max(14),
  meters: z.array(meterSchema).min(1),
  events: z.array(eventSchema).min(1),
  workingGroups: z.array(workingGroupSchema).default([]),
  mechanics: mechanicsSchema,
  story: storySchema,
  /** The analysts' reference package, for the debrief: issueId -> optionId. */
  reference: z.object({ label: text, terms: z.record(id, id), source }).optional(),
  /** How the bots of this scenario word what they say in the talks (shared/scenario/dialogue.ts). */
  dialogue: dialogueSchema.optional(),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Role = Scenario['roles'][number];
export type Issue = Scenario['issues'][number];
export type IssueOption = Issue['options'][number];
export type Meter = Scenario['meters'][number];
export type EventCard = Scenario['events'][number];
export type Lever = Role['levers'][number];
export type WorkingGroup = Scenario['workingGroups'][number];
