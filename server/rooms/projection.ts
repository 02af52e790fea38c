import type { ArraySchema } from '@colyseus/schema';
import type { GameState } from '../../shared/engine/index.js';
import { SeatState } from '../schema/seat-state.js';
import type { TableState } from '../schema/table-state.js';
import { FACILITATOR_SEAT, OBSERVER, type Seating } from './seating.js';

function syncArray(target: ArraySchema<string>, values: readonly string[]): void {
  if (target.length === values.length && values.every((v, i) => target[i] === v)) return;
  target.clear();
  target.push(...values);
}

/**
 * Copies the phase and the clock of the game into the synchronised schema, touching only fields whose value
 * differs, so Colyseus sends no patch for an action that changed neither (everything else a client reads is
 * in its seat's view). `serverTime` moves only with the clock (deadline, pause), so clients can correct for
 * clock skew against the patch that carries it. `touchClock` sets `serverTime` anyway: a change of who is present
 * (a join) goes out as a patch in any case, and a client that just joined needs a recent clock.
 */
export function projectGame(t: TableState, g: GameState, now: number, touchClock = false): void {
  if (t.scenarioId !== g.scenarioId) t.scenarioId = g.scenarioId;
  if (t.phase !== g.phase) t.phase = g.phase;
  if (t.round !== g.round) t.round = g.round;
  if (t.rounds !== g.config.rounds) t.rounds = g.config.rounds;
  const deadline = g.deadline ?? 0;
  const pausedLeft = g.pausedLeft ?? -1;
  if (!touchClock && t.deadline === deadline && t.paused === g.paused && t.pausedLeft === pausedLeft && t.serverTime !== 0) return;
  t.deadline = deadline;
  t.paused = g.paused;
  t.pausedLeft = pausedLeft;
  t.serverTime = now;
}

/** Who is at the table, by seat: names, presence, and whether a bot plays it. */
export function projectSeats(t: TableState, seating: Seating, roles: string[], isBot: (role: string) => boolean = () => false): void {
  for (const role of roles) {
    let s = t.seats.get(role);
    if (!s) {
      s = new SeatState();
      s.role = role;
      t.seats.set(role, s);
    }
    const status = seating.status(role);
    if (s.status !== status) s.status = status;
    const bot = isBot(role);
    if (s.bot !== bot) s.bot = bot;
    syncArray(s.names, seating.names(role));
  }
  const observers = seating.count(OBSERVER);
  if (t.observers !== observers) t.observers = observers;
  const facilitators = seating.count(FACILITATOR_SEAT);
  if (t.facilitators !== facilitators) t.facilitators = facilitators;
}
