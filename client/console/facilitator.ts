import type { PublicScenario, View } from '../../shared/engine/view.js';
import type { ActionMessage, BotNote } from '../../shared/protocol.js';
import { Connection, type ActResult } from '../net/connection.js';

export interface Observed {
  scenario: PublicScenario;
  view: View;
  /** Server clock estimate, ms. */
  now: number;
  /** Delegations a bot plays now. */
  bots: string[];
  /** Each delegation's seat status (free, present, reconnecting, absent). */
  seats: Record<string, string>;
  /** Why the bots made their latest moves, newest last (facilitator only). */
  notes: BotNote[];
}

const NOTES_KEPT = 40;

/** The instructor's facilitator seat at every table of the class: controls go through the rooms like any action. */
export class Facilitator {
  private conns = new Map<string, Connection>();
  private joining = new Map<string, Promise<Connection>>();
  private scenarios = new Map<string, PublicScenario>();
  private views = new Map<string, View>();
  private bots = new Map<string, string[]>();
  private seats = new Map<string, Record<string, string>>();
  private notes = new Map<string, BotNote[]>();
  private watchers = new Map<string, Set<() => void>>();

  constructor(
    private key: string,
    private name = 'Facilitator',
  ) {}

  private connect(t: { code: string; roomId: string }): Promise<Connection> {
    const live = this.conns.get(t.code);
    if (live && live.status !== 'idle' && live.status !== 'lost' && live.status !== 'left')
      return Promise.resolve(live);
    let p = this.joining.get(t.code);
    if (!p) {
      p = (async () => {
        const c = new Connection();
        c.onWelcome((w) => this.scenarios.set(t.code, w.scenario));
        const changed = () => {
          for (const fn of this.watchers.get(t.code) ?? []) fn();
        };
        c.onView((v) => {
          this.views.set(t.code, v);
          changed();
        });
        c.onTable((p) => {
          const bots = Object.values(p.seats)
            .filter((x) => x.bot)
            .map((x) => x.role);
          const seats = Object.fromEntries(Object.values(p.seats).map((x) => [x.role, x.status]));
          if (
            bots.join() !== (this.bots.get(t.code) ?? []).join() ||
            JSON.stringify(seats) !== JSON.stringify(this.seats.get(t.code) ?? {})
          ) {
            this.bots.set(t.code, bots);
            this.seats.set(t.code, seats);
            changed();
          }
        });
        c.onBotNote((n) => {
          this.notes.set(t.code, [...(this.notes.get(t.code) ?? []), n].slice(-NOTES_KEPT));
          changed();
        });
        await c.join(t.roomId, { code: t.code, role: 'facilitator', name: this.name, facilitatorKey: this.key });
        this.conns.set(t.code, c);
        return c;
      })().finally(() => this.joining.delete(t.code));
      this.joining.set(t.code, p);
    }
    return p;
  }

  /** Opens the connections ahead of time so the first click is instant. */
  warm(tables: { code: string; roomId: string }[]): void {
    for (const t of tables) void this.connect(t).catch(() => undefined);
  }

  async act(t: { code: string; roomId: string }, action: ActionMessage): Promise<ActResult> {
    try {
      return await (await this.connect(t)).act(action);
    } catch (e) {
      return { ok: false, code: 'client/join', message: (e as Error).message };
    }
  }

  /** The same action at several tables; one result per table. */
  async actAll(
    tables: { code: string; roomId: string; number: number }[],
    action: ActionMessage,
  ): Promise<{ number: number; result: ActResult }[]> {
    return Promise.all(tables.map(async (t) => ({ number: t.number, result: await this.act(t, action) })));
  }

  /** The table with full information, as its facilitator sees it; null until the first view arrives. */
  observed(code: string): Observed | null {
    const scenario = this.scenarios.get(code);
    const view = this.views.get(code);
    const conn = this.conns.get(code);
    return scenario && view && conn
      ? {
          scenario,
          view,
          now: conn.serverNow(),
          bots: this.bots.get(code) ?? [],
          seats: this.seats.get(code) ?? {},
          notes: this.notes.get(code) ?? [],
        }
      : null;
  }

  /** A bot takes a delegation's seat, or leaves it (refused on a seat a connected person holds). */
  async setBot(t: { code: string; roomId: string }, role: string, on: boolean): Promise<ActResult> {
    try {
      return await (await this.connect(t)).setBot(role, on);
    } catch (e) {
      return { ok: false, code: 'client/join', message: (e as Error).message };
    }
  }

  /** Calls back on every new view of one table; returns the unsubscribe. */
  watch(t: { code: string; roomId: string }, fn: () => void): () => void {
    let set = this.watchers.get(t.code);
    if (!set) this.watchers.set(t.code, (set = new Set()));
    set.add(fn);
    void this.connect(t).then(
      () => fn(),
      () => fn(),
    );
    return () => set.delete(fn);
  }

  async close(): Promise<void> {
    await Promise.all([...this.conns.values()].map((c) => c.leave()));
  }
}
