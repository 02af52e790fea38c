import { matchMaker, ServerError, type Client, type Deferred } from 'colyseus';
import {
  historyPage,
  publicScenario,
  replay,
  SYSTEM,
  waitsOn,
  type Action,
  type GameState,
  type Seat,
} from '../../shared/engine/index.js';
import {
  HISTORY_PAGE_MAX,
  joinOptionsSchema,
  describeZodError,
  type ClientMessage,
  type ClientMessageType,
  type JoinOptions,
  type Relocation,
  type ServerMessages,
} from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { keyMatches, normaliseCode } from '../secrets.js';
import { TableState } from '../schema/table-state.js';
import type { TableRecord } from '../storage/storage.js';
import { admit, KICKED, kickedFrom } from './admission.js';
import { BotSeats, type BotHost } from './bot-seats.js';
import { GuardedRoom, SyncLimit } from './guarded-room.js';
import { Heartbeat, HEARTBEAT_SWEEP_MS } from './heartbeat.js';
import { projectGame, projectSeats, publicFieldsChanged, stampClock } from './projection.js';
import { Referee, type AckTo } from './referee.js';
import { tableSettings, type RoomContext, type TableSettings } from './room-context.js';
import { FACILITATOR_SEAT, OBSERVER, Seating, type Member } from './seating.js';
import { beforeUncork, encode, packed, sendCorked, sendEncoded, withPacked } from './outbox.js';
import { ViewSender, type PendingAck } from './views.js';
import { publicInfo, type TableInfo } from './table-info.js';

export interface NegotiationRoomOptions {
  ctx: RoomContext;
  tableId: string;
}

const KICKED_CLOSE = 4001;
const notStored = {
  code: 'server/storage',
  message: 'The change is made but could not be stored; a restart may undo it. Try again.',
} as const;
const MOVED = 4003;
/** 'history' pages per client: a burst of 5 (a reader scrolling back), then 2 a second. */
const HISTORY_LIMIT = { perSecond: 2, burst: 5 };

/** One table: the referee between the clients (people or bots) and the shared engine. */
export class NegotiationRoom extends GuardedRoom<TableState> {
  private ctx!: RoomContext;
  private table!: TableRecord;
  private scenario!: Scenario;
  private settings!: TableSettings;
  private referee!: Referee;
  private seating!: Seating;
  private views!: ViewSender;
  private bots!: BotSeats;
  private pending = new Map<string, Deferred<Client>>();
  /** The acknowledgement of the action being published, to travel with its sender's delta. */
  private acking: PendingAck | null = null;
  private heartbeat = new Heartbeat();
  /** 'sync' (a whole view) is dear: each client may ask a few times, then once every 5 s. */
  private syncs = new SyncLimit();
  /** 'history' pages: a few at once, then two a second per client. */
  private histories = new SyncLimit(HISTORY_LIMIT);
  /** The server is shutting down: players leave, but nobody is "away". */
  private closing = false;
  /** Until then (ms), restored seats are within their first grace: nobody counts as away yet. */
  private graceUntil = 0;

  override async onCreate({ ctx, tableId }: NegotiationRoomOptions): Promise<void> {
    const table = ctx ? await ctx.storage.getTable(String(tableId)) : null;
    if (!table) throw new ServerError(404, 'table/not_found: tables are created through POST /api/tables.');
    if ((await matchMaker.query({ roomId: table.id })).length > 0)
      throw new ServerError(409, `table ${table.id} is already open`);
    const scenario = ctx.scenarios.get(table.scenarioId);
    if (!scenario) throw new ServerError(500, `table ${table.id} uses unknown scenario ${table.scenarioId}`);
    Object.assign(this, { ctx, table, scenario, settings: tableSettings(table.settings) });
    this.roomId = table.id;
    this.autoDispose = false;
    await this.setPrivate(true);
    const log = await ctx.storage.actions(table.id);
    const bounds = { maxQueue: ctx.access.maxQueue, maxPerSeat: ctx.access.maxPendingPerSeat };
    // "Ready" in setup starts the talks only at a self-start table: a rule of the game (its config), set from the table's settings.
    const game = replay(scenario, { ...table.options, selfStart: this.settings.selfStart }, log);
    this.referee = new Referee(
      ctx.storage,
      table.id,
      scenario,
      game,
      log.length,
      (before, now, seq, ack) => this.changed(before, now, seq, ack),
      bounds,
    );
    const roles = scenario.roles.map((r) => r.id);
    this.seating = new Seating(roles, this.settings.teams, ctx.access.maxTeamSize);
    this.seating.restore(await ctx.storage.seats(table.id));
    this.views = new ViewSender(scenario);
    this.state = new TableState();
    this.state.code = table.code;
    this.state.selfStart = this.settings.selfStart;
    this.bots = new BotSeats(this.botHost(), this.settings);
    this.refresh();
    this.bots.seatFromSettings();
    // After a restart, absent delegations get their grace period before a bot covers them.
    this.graceUntil = Date.now() + ctx.graceSeconds * 1000;
    if (this.game.phase !== 'setup')
      this.clock.setTimeout(() => (this.bots.coverSeats(), this.moveOnWithoutAway()), ctx.graceSeconds * 1000);
    this.guard(ctx.rateLimit, table.id, (c, type, m) => this.receive(c, type, m));
    this.clock.setInterval(() => this.referee.tickIfDue(), ctx.tickMs);
    // Every public change sends its patch at once (patchNow), so Colyseus's patch interval only ticks the room's
    // clock: as often as the phase timer is checked, not every 50 ms (500 idle tables made 10,000 calls a second).
    this.patchRate = Math.max(50, ctx.tickMs);
    this.clock.setInterval(() => this.heartbeat.sweep(this.clients), HEARTBEAT_SWEEP_MS);
    await this.markFinished();
  }

  /**
   * Checks the join options before a seat is given: the code, the facilitator key, and the stored
   * seat of the playerId (a removed player only watches; a class table seats a student only where the
   * class placed them). Returns the options with the seat that may be asked for.
   */
  override async onAuth(_client: Client, raw: unknown): Promise<JoinOptions> {
    const parsed = joinOptionsSchema.safeParse(raw);
    if (!parsed.success) throw new ServerError(4400, `protocol/bad_message: ${describeZodError(parsed.error)}`);
    const o = parsed.data;
    if (o.code !== undefined && normaliseCode(o.code) !== this.table.code)
      throw new ServerError(4404, 'table/not_found: That code does not belong to this table.');
    if (o.role === FACILITATOR_SEAT) {
      if (!keyMatches(this.table.facilitatorKeyHash, o.facilitatorKey))
        throw new ServerError(4403, 'seat/facilitator_only: The facilitator key is missing or wrong.');
      return o;
    }
    const record = o.playerId
      ? (await this.ctx.storage.seats(this.table.id)).find((r) => r.playerId === o.playerId)
      : undefined;
    const a = admit(this.table, this.settings, o, record, (s) => this.seating.isRole(s));
    if (!a.ok) throw new ServerError(4403, `${a.code}: ${a.message}`);
    return { ...o, role: a.role };
  }

  /** Seats the client; the join is answered (welcome) only once a delegation's seat record is stored. */
  override async onJoin(client: Client, _raw: unknown, o: JoinOptions): Promise<void> {
    const d = this.seating.decide(o.role, o.playerId);
    if (!d.ok) throw new ServerError(4409, `${d.code}: ${d.message}`);
    for (const old of d.replaces) {
      this.seating.remove(old.sessionId);
      this.pending.get(old.sessionId)?.reject(new Error('replaced'));
    }
    const member = this.seating.add({
      sessionId: client.sessionId,
      playerId: o.playerId ?? null,
      name: o.name,
      seat: d.seat,
    });
    if (this.seating.isRole(d.seat) && !(await this.persistSeat(member))) {
      this.seating.remove(client.sessionId);
      throw new ServerError(4500, 'server/storage: The server could not record your seat; try again.');
    }
    // A person who sits at a bot's delegation takes it over at once.
    this.bots.remove(d.seat);
    this.welcome(client, member);
    this.refresh();
    this.moveOnWithoutAway();
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    this.forget(client.sessionId);
    this.heartbeat.forget(client.sessionId);
    this.syncs.forget(client.sessionId);
    this.histories.forget(client.sessionId);
    if (!this.seating.get(client.sessionId)) return;
    if (consented) return this.gone(client.sessionId);
    this.seating.setState(client.sessionId, 'reconnecting');
    this.refresh();
    try {
      const d = this.allowReconnection(client, this.ctx.graceSeconds);
      this.pending.set(client.sessionId, d);
      const back = await d;
      this.pending.delete(client.sessionId);
      this.seating.setState(client.sessionId, 'connected');
      const member = this.seating.get(client.sessionId);
      if (member) this.bots.remove(member.seat);
      if (member) this.welcome(back, member);
      this.refresh();
    } catch {
      this.pending.delete(client.sessionId);
      this.gone(client.sessionId);
    }
  }

  override onBeforeShutdown(): void {
    this.closing = true;
    super.onBeforeShutdown();
  }

  override async onDispose(): Promise<void> {
    this.bots.dispose();
    await this.referee.idle();
  }

  // The state and log length live in the referee (tests read them as room.game and room.seq).
  private get game(): GameState { return this.referee.game; } // prettier-ignore
  private get seq(): number { return this.referee.seq; } // prettier-ignore

  /** The table as the start screen shows it (no secrets); called by the HTTP API. */
  info(): TableInfo {
    this.keepOpenWhileLookedAt();
    return publicInfo(this.table, this.scenario, this.game, this.seating, (r) => this.bots.has(r));
  }

  /**
   * The class service moved these players elsewhere (its seat records are already stored): each
   * leaves its seat here, and its open pages are told where to go. Called with matchMaker.remoteRoomCall.
   */
  relocate(moves: Relocation[]): number {
    let n = 0;
    const left = new Set<string>();
    for (const to of moves)
      for (const m of this.seating.ofPlayer(to.playerId)) {
        if (m.seat === FACILITATOR_SEAT) continue;
        this.seating.remove(m.sessionId);
        left.add(m.seat);
        this.pending.get(m.sessionId)?.reject(new Error('moved'));
        const c = this.clients.getById(m.sessionId);
        c?.send('moved', {
          ...to,
          message: 'Your instructor moved you to another seat.',
        } satisfies ServerMessages['moved']);
        c?.leave(MOVED);
        n++;
      }
    // A seat whose people all moved away mid-game gets the bot the table's settings promise.
    for (const seat of left) this.bots.vacated(seat);
    if (n) this.refresh();
    return n;
  }

  private receive<T extends ClientMessageType>(client: Client, type: T, msg: ClientMessage<T>): void {
    this.heartbeat.heard(client);
    if (type === 'ping') return this.heartbeat.pong(client, msg.ref);
    const member = this.seating.get(client.sessionId);
    if (!member)
      return this.refuse(client, { ref: msg.ref, code: 'seat/unknown', message: 'You have no seat at this table.' });
    if (type === 'act') return void this.act(client, member, msg as ClientMessage<'act'>);
    if (type === 'sync') {
      if (!this.syncs.admit(client.sessionId))
        return this.refuse(client, {
          ref: msg.ref,
          code: 'protocol/rate_limited',
          message: 'The whole view was sent a moment ago; wait a few seconds before asking again.',
        });
      this.welcome(client, member);
      return this.ack(client, msg.ref);
    }
    if (type === 'history') return this.history(client, member, msg as ClientMessage<'history'>);
    if (type === 'bot') return this.botSeat(client, member, msg as ClientMessage<'bot'>);
    if (member.seat !== FACILITATOR_SEAT)
      return this.refuse(client, {
        ref: msg.ref,
        code: 'seat/facilitator_only',
        message: `Only the facilitator can ${type}.`,
      });
    if (type === 'kick') void this.kick(client, msg as ClientMessage<'kick'>);
    else if (type === 'unkick') void this.unkick(client, msg as ClientMessage<'unkick'>);
    else void this.reassign(client, msg as ClientMessage<'reassign'>);
  }

  private act(client: Client, member: Member, { ref, action }: ClientMessage<'act'>): Promise<void> {
    if (member.seat === OBSERVER)
      return Promise.resolve(
        this.refuse(client, { ref, code: 'seat/not_allowed', message: 'Observers watch; they cannot act.' }),
      );
    return this.commit(member.seat, action as Action, client, ref);
  }

  /** Applies one action through the referee; the sender's ack travels with the change it caused (publish). */
  private async commit(seat: Seat, action: Action, client?: Client, ref?: string): Promise<void> {
    const r = await this.referee.commit(seat, action, client && { client, ref });
    if (r.status === 'refused' && client) this.refuse(client, { ref, ...r.error });
  }

  /**
   * After every accepted action: publish it, cover empty seats when the talks open, wake the bots. Returns a promise
   * only when there is something to wait for (the end of the game, stored), so most actions cost no promise here.
   */
  private changed(before: GameState, now: number, seq: number, ack?: AckTo): Promise<void> | void {
    if (ack) this.acking = { client: ack.client as Client, ack: { ref: ack.ref, seq } };
    this.publish(now, before);
    if (before.phase === 'setup' && this.game.phase !== 'setup') this.bots.coverSeats();
    this.bots.wake();
    this.moveOnWithoutAway();
    if (this.game.phase === 'ended') return this.markFinished();
  }

  /**
   * An untimed table never keeps a present delegation waiting on one absent past the grace that no
   * bot plays: the engine's "away" rule. A table nobody is at (or a server shutting down) waits.
   */
  private moveOnWithoutAway(): void {
    if (
      this.closing ||
      Date.now() < this.graceUntil ||
      !this.scenario.roles.some((r) => this.seating.status(r.id) === 'present')
    )
      return;
    const away = (r: string, g: GameState) => !this.bots.has(r) && this.seating.status(r) === 'absent' && waitsOn(g, r);
    for (const r of this.scenario.roles.map((x) => x.id))
      if (away(r, this.game)) void this.referee.commit(SYSTEM, (g) => (away(r, g) ? { type: 'away', role: r } : null));
  }

  /** Removes a player; acknowledged once the removal is stored, so no reload or restart gives the seat back. */
  private async kick(client: Client, { ref, sessionId }: ClientMessage<'kick'>): Promise<void> {
    const target = this.seating.remove(sessionId);
    if (!target)
      return this.refuse(client, { ref, code: 'seat/unknown', message: 'Nobody with that session is at this table.' });
    this.pending.get(sessionId)?.reject(new Error('kicked'));
    this.clients.getById(sessionId)?.leave(KICKED_CLOSE, 'The facilitator removed you from the table.');
    // Every session of that player goes; its record says "kicked" (it may watch, not sit) until the facilitator seats it again.
    for (const m of target.playerId ? this.seating.ofPlayer(target.playerId) : []) {
      this.seating.remove(m.sessionId);
      this.clients.getById(m.sessionId)?.leave(KICKED_CLOSE, 'The facilitator removed you from the table.');
    }
    this.refresh();
    if (target.playerId && !(await this.persistSeat({ ...target, seat: `${KICKED}${target.seat}` }, true)))
      return this.refuse(client, { ref, ...notStored });
    this.ack(client, ref);
  }

  /** A page of the seat's older chat or timeline, by the engine's visibility rule; rate-limited like 'sync'. */
  private history(
    client: Client,
    member: Member,
    { ref, channel = 'chat', before, limit = HISTORY_PAGE_MAX }: ClientMessage<'history'>,
  ): void {
    if (!this.histories.admit(client.sessionId))
      return this.refuse(client, {
        ref,
        code: 'protocol/rate_limited',
        message: 'Too many history pages at once; wait a moment.',
      });
    const page = historyPage(this.scenario, this.game, member.seat, channel, before, limit);
    sendCorked(client, 'history', { ref, ...page } satisfies ServerMessages['history']);
  }

  /** Lifts a removal: the player may sit again. Acknowledged once stored; the record says "observer" until they take a seat. */
  private async unkick(client: Client, { ref, playerId }: ClientMessage<'unkick'>): Promise<void> {
    const rec = (await this.ctx.storage.seats(this.table.id)).find((r) => r.playerId === playerId);
    const from = rec && kickedFrom(rec.seat);
    if (!rec || !from)
      return this.refuse(client, {
        ref,
        code: 'seat/unknown',
        message: 'That player was not removed from this table.',
      });
    // A class table keeps the class's placement; elsewhere the player watches until they ask for a seat.
    const seat = this.table.classId ? from : OBSERVER;
    if (!(await this.persistSeat({ sessionId: 'unkick', playerId, name: rec.name, seat } as Member, true)))
      return this.refuse(client, { ref, ...notStored });
    this.ack(client, ref);
  }

  private async reassign(client: Client, { ref, from, to }: ClientMessage<'reassign'>): Promise<void> {
    const r = this.seating.reassign(from, to);
    if (!r.ok) return this.refuse(client, { ref, code: r.code, message: r.message });
    // People moved to a bot's delegation take it over.
    if (r.moved.length) this.bots.remove(to);
    const stored = await Promise.all(r.moved.map((m) => this.persistSeat(m, true)));
    for (const m of r.moved) {
      const c = this.clients.getById(m.sessionId);
      if (c && m.state === 'connected') this.welcome(c, m);
    }
    this.refresh();
    if (stored.includes(false)) return this.refuse(client, { ref, ...notStored });
    this.ack(client, ref);
  }

  /** The facilitator, or anyone holding the facilitator key (a solo player), seats or removes a bot. */
  private botSeat(client: Client, member: Member, { ref, role, on, facilitatorKey }: ClientMessage<'bot'>): void {
    const may = member.seat === FACILITATOR_SEAT || keyMatches(this.table.facilitatorKeyHash, facilitatorKey);
    const refusal = this.bots.request(role, on, may);
    if (refusal) this.refuse(client, { ref, ...refusal });
    else this.ack(client, ref);
  }

  /** The bots act through this table's own commit path and rules; their private reasoning goes to facilitators only. */
  private botHost(): BotHost {
    return {
      scenario: this.scenario,
      game: () => this.game,
      commit: (seat, pick) => this.referee.commit(seat, pick),
      schedule: (fn, ms) => this.clock.setTimeout(fn, ms),
      log: this.log,
      seatsChanged: () => this.refresh(),
      status: (r) => this.seating.status(r),
      toFacilitators: (n) => {
        for (const m of this.seating.connected(FACILITATOR_SEAT)) this.clients.getById(m.sessionId)?.send('botNote', n);
      },
      toSeat: (role, recap) => {
        for (const m of this.seating.connected(role)) this.clients.getById(m.sessionId)?.send('botRecap', recap);
      },
    };
  }

  private gone(sessionId: string): void {
    const seat = this.seating.get(sessionId)?.seat;
    this.seating.setState(sessionId, 'gone');
    this.refresh();
    if (seat) this.bots.left(seat);
    this.moveOnWithoutAway();
  }

  private welcome(client: Client, m: Member): void {
    const w: Omit<ServerMessages['welcome'], 'scenario'> = {
      seat: m.seat,
      code: this.table.code,
      sessionId: client.sessionId,
      name: m.name,
    };
    // The public scenario (35 KB packed, 0.2 ms) is packed once per scenario, not once per join.
    const bytes = withPacked('welcome', encode('welcome', w), 'scenario', scenarioBytes(this.scenario));
    if (bytes) sendEncoded(client, bytes);
    else
      sendCorked(client, 'welcome', {
        ...w,
        scenario: publicScenario(this.scenario),
      } satisfies ServerMessages['welcome']);
    this.views.sendTo(client, this.game, m.seat);
    if (m.seat === FACILITATOR_SEAT) for (const n of this.bots.notes()) sendCorked(client, 'botNote', n);
  }

  /** Public schema (presence too) and private views after a change of seats (a join, a leave, a bot) or the table's start. */
  private refresh(now = Date.now()): void {
    const game = projectGame(this.state, this.game);
    const seats = projectSeats(
      this.state,
      this.seating,
      this.scenario.roles.map((r) => r.id),
      (r) => this.bots.has(r),
    );
    stampClock(this.state, game || seats, now);
    this.views.push(this.game, this.clientsBySeat());
    if (game || seats) this.patchNow();
  }

  /**
   * After an accepted action: the schema only if the phase or the clock moved, and each seat's delta, the
   * sender's acknowledgement inside its own (or right after, in the same write, when it has no delta).
   */
  private publish(now: number, before: GameState): void {
    const pending = this.acking;
    this.acking = null;
    try {
      // The schema holds `before`'s public fields already (every change is published): unchanged, nothing to copy.
      const moved = publicFieldsChanged(before, this.game) && projectGame(this.state, this.game);
      stampClock(this.state, moved, now);
      this.views.push(this.game, this.clientsBySeat(), pending);
      if (moved) this.patchNow();
    } finally {
      // Whatever happened above, an accepted action is acknowledged.
      if (pending && !pending.sent) sendCorked(pending.client, 'ack', pending.ack satisfies ServerMessages['ack']);
    }
  }

  /**
   * The schema patch of a public change goes out at the end of this tick, in the same socket write as the deltas
   * (the sockets are corked), rather than on the next patch interval in a write of its own.
   */
  private patchNow(): void {
    if (this.clients.length) beforeUncork(this.patch);
  }

  private patch = (): void => void (this.clients.length && this.broadcastPatch());

  /** The connected clients by seat, kept until the seating or the room's list of clients changes. */
  private bySeat: { version: number; clients: number; map: Map<string, Client[]> } | null = null;

  private clientsBySeat(): Map<string, Client[]> {
    const c = this.bySeat;
    if (c && c.version === this.seating.version && c.clients === this.clients.length) return c.map;
    const map = this.seatClients();
    this.bySeat = { version: this.seating.version, clients: this.clients.length, map };
    return map;
  }

  private seatClients(): Map<string, Client[]> {
    const bySeat = new Map<string, Client[]>();
    for (const m of this.seating.connected()) {
      const c = this.clients.getById(m.sessionId);
      if (!c) continue;
      const list = bySeat.get(m.seat);
      if (list) list.push(c);
      else bySeat.set(m.seat, [c]);
    }
    return bySeat;
  }

  /** The log's length goes only to those who see the whole table (delegations and facilitators), never to observers. */
  private ack(client: Client, ref: string | undefined): void {
    const seat = this.seating.get(client.sessionId)?.seat;
    sendCorked(client, 'ack', { ref, seq: seat && seat !== OBSERVER ? this.seq : 0 } satisfies ServerMessages['ack']);
  }

  /** Stores a player's seat; resolves false when storage failed. `force` stores even a seat restored from storage. */
  private async persistSeat(m: Member, force = false): Promise<boolean> {
    if (!m.playerId || (!force && m.sessionId.startsWith('stored:'))) return true;
    const rec = { tableId: this.table.id, playerId: m.playerId, name: m.name, seat: m.seat, updatedAt: Date.now() };
    try {
      await this.ctx.storage.upsertSeat(rec);
      return true;
    } catch (e) {
      this.log.error({ err: e }, 'could not store a seat');
      return false;
    }
  }

  /**
   * A finished table closes once its last client leaves, or, reopened by its code (a reload, the
   * console's poll), once nobody has joined for finishedIdleSeconds; its code reopens it again.
   */
  private async markFinished(): Promise<void> {
    if (this.game.phase !== 'ended') return;
    if (this.table.finishedAt === null) {
      this.table.finishedAt = Date.now();
      await this.ctx.storage.finishTable(this.table.id, this.table.finishedAt);
    }
    if (this.autoDispose) return;
    this.autoDispose = true;
    this.keepOpenWhileLookedAt();
  }

  /** An empty finished room someone just looked up stays open for finishedIdleSeconds, time to join it. */
  private keepOpenWhileLookedAt(): void {
    if (this.autoDispose && this.clients.length === 0) this.resetAutoDisposeTimeout(this.ctx.finishedIdleSeconds);
  }
}

/** Each scenario's public part, packed once for every 'welcome' (scenarios are loaded once and never change). */
const packedScenarios = new WeakMap<Scenario, Buffer>();

function scenarioBytes(s: Scenario): Buffer {
  let b = packedScenarios.get(s);
  if (!b) packedScenarios.set(s, (b = packed(publicScenario(s))));
  return b;
}
