import type { ArraySchema } from '@colyseus/schema';
import type { GameState } from '../../shared/engine/index.js';
import { SeatState } from '../schema/seat-state.js';
import type { TableState } from '../schema/table-state.js';
import { FACILITATOR_SEAT, OBSERVER, type Seating } from './seating.js';

/** Sets t[k] = v only when it differs (Colyseus then has nothing to patch); true when it changed. */
function put<T extends object, K extends keyof T>(t: T, k: K, v: T[K]): boolean {
  if (t[k] === v) return false;
  t[k] = v;
  return true;
}

function syncArray(target: ArraySchema<string>, values: readonly string[]): boolean {
  if (target.length === values.length && values.every((v, i) => target[i] === v)) return false;
  target.clear();
  target.push(...values);
  return true;
}

/**
 * The game's public fields, each as the schema holds it: the one list projectGame copies and publicFieldsChanged
 * compares, so neither can miss a field the other has.
 */
const PUBLIC_FIELDS = [
  field('scenarioId', (g) => g.scenarioId),
  field('phase', (g) => g.phase),
  field('round', (g) => g.round),
  field('rounds', (g) => g.config.rounds),
  field('deadline', (g) => g.deadline ?? 0),
  field('paused', (g) => g.paused),
  field('pausedLeft', (g) => g.pausedLeft ?? -1),
];

/** One public field: its schema key and how the state gives its value (type-checked against the schema's field). */
function field<K extends keyof TableState>(key: K, read: (g: GameState) => TableState[K]) {
  return [key, read] as readonly [keyof TableState, (g: GameState) => unknown];
}

/**
 * Copies the phase and the clock of the game into the synchronised schema, touching only fields whose value
 * differs, so Colyseus sends no patch for an action that changed neither (everything else a client reads is
 * in its seat's view). Returns true when something changed.
 */
export function projectGame(t: TableState, g: GameState): boolean {
  let changed = false;
  for (const [key, read] of PUBLIC_FIELDS)
    changed = put(t as unknown as Record<string, unknown>, key, read(g)) || changed;
  return changed;
}

/**
 * Whether the game's public fields differ between two states: when they do not, an action leaves the schema as it
 * was and projectGame (seven reads through the schema's accessors) can be skipped.
 */
export function publicFieldsChanged(a: GameState, b: GameState): boolean {
  return PUBLIC_FIELDS.some(([, read]) => read(a) !== read(b));
}

/** Who is at the table, by seat: names, presence, and whether a bot plays it. Returns true when something changed. */
export function projectSeats(
  t: TableState,
  seating: Seating,
  roles: string[],
  isBot: (role: string) => boolean = () => false,
): boolean {
  let changed = false;
  for (const role of roles) {
    let s = t.seats.get(role);
    if (!s) {
      s = new SeatState();
      s.role = role;
      t.seats.set(role, s);
      changed = true;
    }
    changed = put(s, 'status', seating.status(role)) || changed;
    changed = put(s, 'bot', isBot(role)) || changed;
    changed = syncArray(s.names, seating.names(role)) || changed;
  }
  changed = put(t, 'observers', seating.count(OBSERVER)) || changed;
  changed = put(t, 'facilitators', seating.count(FACILITATOR_SEAT)) || changed;
  return changed;
}

/** `serverTime` moves only with a public change, so no patch goes out for a change nobody can see. */
export function stampClock(t: TableState, changed: boolean, now: number): void {
  if (changed || t.serverTime === 0) t.serverTime = now;
}
