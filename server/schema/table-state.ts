import { MapSchema, Schema, type } from '@colyseus/schema';
import { SeatState } from './seat-state.js';

/**
 * The public state of one table, synchronised to every client by Colyseus: only what clients read from it,
 * who is present, the phase and the clock. Everything else a seat sees travels in its 'view' and 'delta'
 * messages, so an ordinary action (a chat line, a proposal, a pass) changes nothing here and sends no patch.
 * Nothing confidential belongs here.
 */
export class TableState extends Schema {
  @type('string') code = '';
  @type('string') scenarioId = '';
  @type('string') phase = 'setup';
  @type('uint8') round = 0;
  @type('uint8') rounds = 0;
  /** Server time (ms) when the phase or turn ends; 0 when untimed or paused. */
  @type('float64') deadline = 0;
  @type('boolean') paused = false;
  /** Milliseconds left on a paused timer; -1 when there is none. */
  @type('float64') pausedLeft = -1;
  /** Server clock at the last change of this public state, so clients can correct for clock skew. */
  @type('float64') serverTime = 0;
  @type('boolean') selfStart = false;
  @type({ map: SeatState }) seats = new MapSchema<SeatState>();
  @type('uint16') observers = 0;
  @type('uint8') facilitators = 0;
}
