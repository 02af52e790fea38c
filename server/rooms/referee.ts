import { applyAction, type Action, type GameState, type Seat } from '../../shared/engine/index.js';
import type { ServerMessages } from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { tableLog } from '../log.js';
import type { Storage } from '../storage/storage.js';
import { SerialQueue } from './serial-queue.js';

type Refusal = Pick<ServerMessages['error'], 'code' | 'message'>;

/** done: applied and stored; refused: nothing changed; skipped: the action was chosen in the queue and there was none. */
export type Committed = { status: 'done'; seq: number } | { status: 'refused'; error: Refusal } | { status: 'skipped' };

/** How much may wait for the referee: all seats together, and one seat. The clock ('system') is never refused. */
export interface QueueBounds {
  maxQueue: number;
  maxPerSeat: number;
}

/** Who is owed the acknowledgement of an action: handed back to `changed` with the action's number once it is durable. */
export interface AckTo<C = unknown> {
  client: C;
  ref?: string;
}

/**
 * The one commit path of a table, for people and bots alike: each action is checked by the engine
 * against the current state, appended to the log, and only then becomes the state.
 */
export class Referee {
  private queue = new SerialQueue();
  private ticking = false;
  private log = tableLog(this.tableId);
  /** Actions queued and not yet done, in all and per seat. */
  private waiting = 0;
  private waitingBySeat = new Map<Seat, number>();

  constructor(
    private storage: Storage,
    private tableId: string,
    private scenario: Scenario,
    public game: GameState,
    public seq: number,
    /** After every accepted change: publish it (and acknowledge it to `ack`, the sender, if any, with `seq`). */
    private changed: (before: GameState, now: number, seq: number, ack?: AckTo) => Promise<void> | void,
    private bounds: QueueBounds = { maxQueue: Infinity, maxPerSeat: Infinity },
  ) {}

  /** Why one more action from `seat` may not wait in the queue now, or null. */
  private full(seat: Seat): Refusal | null {
    if (seat === 'system') return null;
    if ((this.waitingBySeat.get(seat) ?? 0) >= this.bounds.maxPerSeat)
      return {
        code: 'seat/too_many_pending' as Refusal['code'],
        message: `Your delegation already has ${this.bounds.maxPerSeat} actions waiting; wait for their answers.`,
      };
    if (this.waiting >= this.bounds.maxQueue)
      return { code: 'table/busy' as Refusal['code'], message: 'This table is busy; try again in a moment.' };
    return null;
  }

  private count(seat: Seat, by: 1 | -1): void {
    this.waiting += by;
    const n = (this.waitingBySeat.get(seat) ?? 0) + by;
    if (n > 0) this.waitingBySeat.set(seat, n);
    else this.waitingBySeat.delete(seat);
  }

  /**
   * Applies one action in order with every other. `action` may be a function of the state at its turn
   * in the queue (a bot deciding on the latest state); it returns null when there is nothing to do.
   */
  commit(seat: Seat, action: Action | ((g: GameState) => Action | null), ack?: AckTo): Promise<Committed> {
    const full = this.full(seat);
    if (full) return Promise.resolve({ status: 'refused', error: full });
    this.count(seat, 1);
    return this.queue
      .run(async (): Promise<Committed> => {
        const a = typeof action === 'function' ? action(this.game) : action;
        if (!a) return { status: 'skipped' };
        const now = Date.now();
        const r = applyAction(this.game, a, { scenario: this.scenario, seat, now });
        if (!r.ok) return { status: 'refused', error: r.error };
        try {
          this.seq = await this.storage.appendAction(this.tableId, { seat, at: now, action: a });
        } catch (e) {
          this.log.error({ err: e }, 'could not store an action');
          return {
            status: 'refused',
            error: {
              code: 'server/storage' as Refusal['code'],
              message: 'The server could not record that; try again.',
            },
          };
        }
        const before = this.game;
        this.game = r.state;
        const seq = this.seq;
        // The action is in force from here: a failure to publish it must not report it as refused.
        try {
          await this.changed(before, now, seq, ack);
        } catch (e) {
          this.log.error({ err: e }, 'publishing a change failed');
        }
        return { status: 'done', seq };
      })
      .catch((e): Committed => {
        this.log.error({ err: e }, 'an action failed');
        return {
          status: 'refused',
          error: { code: 'server/storage' as Refusal['code'], message: 'The server could not apply that; try again.' },
        };
      })
      .finally(() => this.count(seat, -1));
  }

  /** The server's clock acts as seat "system": once a deadline has passed, the phase (or the turn) ends. */
  tickIfDue(): void {
    const g = this.game;
    if (this.ticking || g.paused || g.deadline === null || g.deadline > Date.now()) return;
    this.ticking = true;
    void this.commit('system', { type: 'tick' }).finally(() => (this.ticking = false));
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }
}
