import type { ArraySchema, MapSchema } from '@colyseus/schema';
import { countWhere } from '../../shared/engine/chunked.js';
import { currentTurn, type ChatMessage, type GameState } from '../../shared/engine/index.js';
import { ClauseState } from '../schema/clause-state.js';
import { SeatState } from '../schema/seat-state.js';
import type { TableState } from '../schema/table-state.js';
import { FACILITATOR_SEAT, OBSERVER, type Seating } from './seating.js';

function syncArray(target: ArraySchema<string>, values: readonly string[]): void {
  if (target.length === values.length && values.every((v, i) => target[i] === v)) return;
  target.clear();
  target.push(...values);
}

function syncNumbers(target: MapSchema<number>, values: Record<string, number>): void {
  for (const k of [...target.keys()]) if (!(k in values)) target.delete(k);
  for (const [k, v] of Object.entries(values)) if (target.get(k) !== v) target.set(k, v);
}

const isPublic = (m: ChatMessage) => m.channel === 'public';
/** Public lines per full chat chunk (full chunks never change). */
const publicCounts = new WeakMap<ChatMessage[], number>();

/** Copies the public part of the game into the synchronised schema; only what differs is touched. */
export function projectGame(t: TableState, g: GameState, now: number): void {
  t.scenarioId = g.scenarioId;
  t.phase = g.phase;
  t.round = g.round;
  t.rounds = g.config.rounds;
  syncArray(t.turnOrder, g.turnOrder);
  t.turn = currentTurn(g) ?? '';
  syncArray(t.moved, g.moved);
  syncArray(t.ready, g.ready);
  t.deadline = g.deadline ?? 0;
  t.paused = g.paused;
  t.pausedLeft = g.pausedLeft ?? -1;
  t.serverTime = now;
  syncNumbers(t.meters, g.meters);
  for (const [issue, c] of Object.entries(g.clauses)) {
    if (t.clauses.has(issue)) continue;
    const cs = new ClauseState();
    cs.issue = issue;
    cs.option = c.option;
    cs.round = c.round;
    cs.seq = c.seq;
    t.clauses.set(issue, cs);
  }
  syncArray(t.signatures, g.signatures);
  t.event = g.event ?? '';
  t.publicChat = countWhere(g.chat, isPublic, publicCounts);
  t.outcome = g.outcome?.kind ?? '';
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
    s.status = seating.status(role);
    s.bot = isBot(role);
    syncArray(s.names, seating.names(role));
  }
  t.observers = seating.count(OBSERVER);
  t.facilitators = seating.count(FACILITATOR_SEAT);
}
