// Session presets for the create forms (the console and the start page): rounds and phase lengths
// that fit a real class period, and the time a game can take with them.

export interface PhaseSeconds {
  news: number;
  talks: number;
  moves: number;
  resolution: number;
}

export interface Preset {
  id: 'class50' | 'seminar90' | 'demo';
  label: string;
  /** Minutes of the session the preset is for, briefs and debrief included. */
  sessionMinutes: number;
  rounds: number;
  phaseSeconds: PhaseSeconds;
}

/**
 * The three presets. Play time = rounds x (news + talks + one move per delegation + resolution) at
 * the longest; a 50-minute class keeps about 8 minutes for the briefs and 10 for the debrief.
 */
export const PRESETS: readonly Preset[] = [
  {
    id: 'class50',
    label: '50-minute class',
    sessionMinutes: 50,
    rounds: 5,
    phaseSeconds: { news: 15, talks: 180, moves: 45, resolution: 10 },
  },
  {
    id: 'seminar90',
    label: '90-minute seminar',
    sessionMinutes: 90,
    rounds: 7,
    phaseSeconds: { news: 20, talks: 270, moves: 60, resolution: 15 },
  },
  {
    id: 'demo',
    label: 'Quick demo',
    sessionMinutes: 15,
    rounds: 3,
    phaseSeconds: { news: 10, talks: 90, moves: 30, resolution: 5 },
  },
];

export const DEFAULT_PRESET = PRESETS[0];

/** A preset fitted to a scenario: never more rounds than the scenario allows. */
export function presetFor(p: Preset, maxRounds: number): { rounds: number; phaseSeconds: PhaseSeconds } {
  return { rounds: Math.max(1, Math.min(p.rounds, maxRounds)), phaseSeconds: { ...p.phaseSeconds } };
}

/**
 * The longest a game can last, in seconds, or null if a phase has no timer (it then ends only when
 * everyone is ready). `delegations` formal moves per round, each with its own `moves` timer.
 */
export function playSeconds(rounds: number, s: PhaseSeconds, delegations: number): number | null {
  if ([s.news, s.talks, s.moves, s.resolution].some((x) => !(x > 0))) return null;
  return rounds * (s.news + s.talks + delegations * s.moves + s.resolution);
}

/** "1 h 04 min", "32 min", "45 s" */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const min = Math.round(seconds / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** The sentence shown under the create forms: how long the game can take. */
export function totalTimeText(rounds: number, s: PhaseSeconds, delegations: number): string {
  const total = playSeconds(rounds, s, delegations);
  if (total === null)
    return `No time limit: a phase without a timer ends when every delegation is ready (${rounds} rounds).`;
  const round = total / Math.max(1, rounds);
  return `Total play time at most ${formatDuration(total)} (${rounds} rounds of up to ${formatDuration(round)}); phases end early when every delegation is ready. Add about 8 minutes for the briefs and 10 for the debrief.`;
}

/** Which preset these settings match, if any (for the preset buttons' pressed state). */
export function matchingPreset(rounds: number, s: PhaseSeconds, maxRounds: number): Preset['id'] | null {
  const same = (p: Preset) => {
    const f = presetFor(p, maxRounds);
    return f.rounds === rounds && (Object.keys(s) as (keyof PhaseSeconds)[]).every((k) => f.phaseSeconds[k] === s[k]);
  };
  return PRESETS.find(same)?.id ?? null;
}
