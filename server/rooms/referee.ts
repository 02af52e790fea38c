import { applyAction, type Action, type GameState, type Seat } from '../../shared/engine/index.js';
import type { ServerMessages } from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { tableLog } from '../log.js';
import type { Storage } from '../storage/storage.js';

type Refusal = Pick<ServerMessages['error'], 'code' | 'message'>;

/** done: applied and stored; refused: nothing changed; skipped: the action was chosen in the queue and there was none. */
export type Committed = { status: 'done'; seq: number } | { status: 'refused'; error: Refusal } | { status: 'skipped' };

const NOT_STORED = {
  code: 'server/storage' as Refusal['code'],
  message: 'The server could not record that; try again.',
};
const APPLY_FAILED = {
  code: 'server/storage' as Refusal['code'],
  message: 'The server could not apply that; try again.',
};

/** One action of a round: refused or skipped at once (result), or applied (state) and on its way to storage. */
interface Step {
  job: Job;
  result?: Committed;
  state?: GameState;
  now?: number;
  stored?: Promise<number>;
}

interface Job {
  seat: Seat;
  action: Action | ((g: GameState) => Action | null);
  ack?: AckTo;
  resolve: (r: Committed) => void;
}

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
 * against the current state, appended to the log, and only then becomes the state (see rounds()).
 */
export class Referee {
  /** Actions waiting for their turn, oldest first; `running` while a round is being applied (or about to be). */
  private jobs: Job[] = [];
  private running = false;
  /** Actions queued and done so far, and idle() calls waiting for a count of done. */
  private queued = 0;
  private done = 0;
  private waiters: { until: number; resolve: () => void }[] = [];
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
    return new Promise<Committed>((resolve) => {
      this.jobs.push({ seat, action, ack, resolve });
      this.queued++;
      // As with a promise chain, a job never starts inside the call that queued it.
      if (!this.running) {
        this.running = true;
        queueMicrotask(() => void this.rounds());
      }
    });
  }

  /**
   * Takes the queued actions a round at a time. Each action of a round is checked against the state after the ones
   * before it (durable or not yet), and all of the round's appends go to storage together, so they share one group
   * commit. Then, in order, each becomes the state and is published once it is durable. The storage never stores a
   * table's append after one of its earlier appends of the same batch failed (server/storage/storage.ts), so an
   * action is never published on top of one that was not stored. The next round starts once this one is published.
   */
  private async rounds(): Promise<void> {
    try {
      while (this.jobs.length) await this.round(this.jobs.splice(0));
    } finally {
      this.running = false;
    }
  }

  private async round(jobs: Job[]): Promise<void> {
    let tip = this.game;
    const steps: Step[] = [];
    for (const job of jobs) {
      try {
        const a = typeof job.action === 'function' ? job.action(tip) : job.action;
        if (!a) {
          steps.push({ job, result: { status: 'skipped' } });
          continue;
        }
        const now = Date.now();
        const r = applyAction(tip, a, { scenario: this.scenario, seat: job.seat, now });
        if (!r.ok) {
          steps.push({ job, result: { status: 'refused', error: r.error } });
          continue;
        }
        tip = r.state;
        const stored = this.storage.appendAction(this.tableId, { seat: job.seat, at: now, action: a });
        // Awaited below, in order; marked handled now so a failure is not reported as unhandled meanwhile.
        stored.catch(() => undefined);
        steps.push({ job, state: r.state, now, stored });
      } catch (e) {
        this.log.error({ err: e }, 'an action failed');
        steps.push({ job, result: { status: 'refused', error: APPLY_FAILED } });
      }
    }
    for (const step of steps) {
      if (step.result) {
        this.finish(step.job, step.result);
        continue;
      }
      try {
        this.seq = await step.stored!;
      } catch (e) {
        this.log.error({ err: e }, 'could not store an action');
        this.finish(step.job, { status: 'refused', error: NOT_STORED });
        continue;
      }
      const before = this.game;
      this.game = step.state!;
      const seq = this.seq;
      // The action is in force from here: a failure to publish it must not report it as refused.
      try {
        const published = this.changed(before, step.now!, seq, step.job.ack);
        if (published) await published;
      } catch (e) {
        this.log.error({ err: e }, 'publishing a change failed');
      }
      this.finish(step.job, { status: 'done', seq });
    }
  }

  private finish(job: Job, r: Committed): void {
    this.count(job.seat, -1);
    this.done++;
    job.resolve(r);
    for (let i = this.waiters.length - 1; i >= 0; i--)
      if (this.done >= this.waiters[i].until) this.waiters.splice(i, 1)[0].resolve();
  }

  /** The server's clock acts as seat "system": once a deadline has passed, the phase (or the turn) ends. */
  tickIfDue(): void {
    const g = this.game;
    if (this.ticking || g.paused || g.deadline === null || g.deadline > Date.now()) return;
    this.ticking = true;
    void this.commit('system', { type: 'tick' }).finally(() => (this.ticking = false));
  }

  /** Resolves once every action queued so far has run. */
  idle(): Promise<void> {
    if (this.done >= this.queued) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ until: this.queued, resolve }));
  }
}
