import { ArraySchema, MapSchema, Schema, type } from '@colyseus/schema';
import { ClauseState } from './clause-state.js';
import { SeatState } from './seat-state.js';

/**
 * The public state of one table, synchronised to every client by Colyseus.
 * Nothing confidential belongs here: private data travels only in each seat's 'view' message.
 */
export class TableState extends Schema {
  @type('string') code = '';
  @type('string') scenarioId = '';
  @type('string') phase = 'setup';
  @type('uint8') round = 0;
  @type('uint8') rounds = 0;
  @type(['string']) turnOrder = new ArraySchema<string>();
  /** Role whose formal move it is, '' outside the moves phase. */
  @type('string') turn = '';
  @type(['string']) moved = new ArraySchema<string>();
  @type(['string']) ready = new ArraySchema<string>();
  /** Server time (ms) when the phase or turn ends; 0 when untimed or paused. */
  @type('float64') deadline = 0;
  @type('boolean') paused = false;
  /** Milliseconds left on a paused timer; -1 when there is none. */
  @type('float64') pausedLeft = -1;
  /** Server clock when this state last changed, so clients can correct for clock skew. */
  @type('float64') serverTime = 0;
  @type({ map: 'number' }) meters = new MapSchema<number>();
  @type({ map: ClauseState }) clauses = new MapSchema<ClauseState>();
  @type(['string']) signatures = new ArraySchema<string>();
  /** Current event card id, '' before the first round. */
  @type('string') event = '';
  /** Number of messages on the public channel. */
  @type('uint16') publicChat = 0;
  /** '' while the game runs; then deal | no_deal | ended. */
  @type('string') outcome = '';
  @type('boolean') selfStart = false;
  @type({ map: SeatState }) seats = new MapSchema<SeatState>();
  @type('uint16') observers = 0;
  @type('uint8') facilitators = 0;
}
