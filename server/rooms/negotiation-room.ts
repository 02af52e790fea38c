import { matchMaker, Protocol, Room, ServerError, type Client, type Deferred } from '@colyseus/core';
import { applyAction, publicScenario, replay, type Action, type GameState, type Seat } from '../../shared/engine/index.js';
import { joinOptionsSchema, describeZodError, type ClientMessage, type ClientMessageType, type ServerMessages } from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { keyMatches, normaliseCode, sha256Hex } from '../secrets.js';
import { TableState } from '../schema/table-state.js';
import type { TableRecord } from '../storage/storage.js';
import { isMessageType, parseMessage, peekType, rateLimited, refOf, retarget, TokenBucket, type Refusal } from './message-guard.js';
import { projectGame, projectSeats } from './projection.js';
import { tableSettings, type RoomContext, type TableSettings } from './room-context.js';
import { FACILITATOR_SEAT, OBSERVER, Seating, type Member } from './seating.js';
import { SerialQueue } from './serial-queue.js';
import { ViewSender } from './views.js';
import { publicInfo, type TableInfo } from './table-info.js';

export interface NegotiationRoomOptions {
  ctx: RoomContext;
  tableId: string;
}

type ErrorPayload = ServerMessages['error'];
const KICKED = 4001;
/** Internal handler name for message types nobody handles (not a valid client type: it has a space). */
const UNKNOWN = 'unknown type';

/** One table: the referee between the clients and the shared engine. */
export class NegotiationRoom extends Room<TableState> {
  private ctx!: RoomContext;
  private table!: TableRecord;
  private scenario!: Scenario;
  private settings!: TableSettings;
  private game!: GameState;
  private seq = 0;
  private seating!: Seating;
  private views!: ViewSender;
  private queue = new SerialQueue();
  private buckets = new Map<string, TokenBucket>();
  private pending = new Map<string, Deferred<Client>>();
  private ticking = false;
  private unknownType: string | number = '';

  override async onCreate({ ctx, tableId }: NegotiationRoomOptions): Promise<void> {
    const table = ctx ? await ctx.storage.getTable(String(tableId)) : null;
    if (!table) throw new ServerError(404, 'table/not_found: tables are created through POST /api/tables.');
    if ((await matchMaker.query({ roomId: table.id })).length > 0) throw new ServerError(409, `table ${table.id} is already open`);
    const scenario = ctx.scenarios.get(table.scenarioId);
    if (!scenario) throw new ServerError(500, `table ${table.id} uses unknown scenario ${table.scenarioId}`);
    Object.assign(this, { ctx, table, scenario, settings: tableSettings(table.settings) });
    this.roomId = table.id;
    this.autoDispose = false;
    await this.setPrivate(true);
    const log = await ctx.storage.actions(table.id);
    this.game = replay(scenario, table.options, log);
    this.seq = log.length;
    const roles = scenario.roles.map((r) => r.id);
    this.seating = new Seating(roles, this.settings.teams);
    this.seating.restore(await ctx.storage.seats(table.id));
    this.views = new ViewSender(scenario);
    this.state = new TableState();
    this.state.code = table.code;
    this.state.selfStart = this.settings.selfStart;
    this.refresh();
    for (const type of ['act', 'kick', 'reassign', 'sync'] as const) this.onMessage(type, (c, m) => this.receive(c, type, m));
    this.onMessage(UNKNOWN, (c, m) => this.unknown(c, this.unknownType, m));
    this.clock.setInterval(() => this.checkClock(), ctx.tickMs);
    await this.markFinished();
  }

  /** Every type we do not handle goes to one safe handler, with its original name kept for the refusal. */
  protected override _onMessage(client: Parameters<Room['_onMessage']>[0], buffer: Buffer): void {
    let peek: ReturnType<typeof peekType>;
    try {
      peek = peekType(buffer);
    } catch {
      // An unreadable frame closes the sender's connection, as Colyseus does for broken message bodies.
      return client.leave(Protocol.WS_CLOSE_WITH_ERROR);
    }
    try {
      if (!peek || isMessageType(peek.type)) return super._onMessage(client, buffer);
      this.unknownType = peek.type;
      super._onMessage(client, retarget(buffer, peek.offset, UNKNOWN));
    } catch (e) {
      console.error(`table ${this.table.id}: message handling failed`, e);
    }
  }

  override onJoin(client: Client, raw: unknown): void {
    const parsed = joinOptionsSchema.safeParse(raw);
    if (!parsed.success) throw new ServerError(4400, `protocol/bad_message: ${describeZodError(parsed.error)}`);
    const o = parsed.data;
    if (o.code !== undefined && normaliseCode(o.code) !== this.table.code) throw new ServerError(4404, 'table/not_found: That code does not belong to this table.');
    if (o.role === FACILITATOR_SEAT && !keyMatches(this.table.facilitatorKeyHash, o.facilitatorKey))
      throw new ServerError(4403, 'seat/facilitator_only: The facilitator key is missing or wrong.');
    const d = this.seating.decide(o.role, o.playerId);
    if (!d.ok) throw new ServerError(4409, `${d.code}: ${d.message}`);
    for (const old of d.replaces) {
      this.seating.remove(old.sessionId);
      this.pending.get(old.sessionId)?.reject(new Error('replaced'));
    }
    const member = this.seating.add({ sessionId: client.sessionId, playerId: o.playerId ?? null, name: o.name, seat: d.seat });
    this.persistSeat(member);
    this.welcome(client, member);
    this.refresh();
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    this.buckets.delete(client.sessionId);
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
      if (member) this.welcome(back, member);
      this.refresh();
    } catch {
      this.pending.delete(client.sessionId);
      this.gone(client.sessionId);
    }
  }

  override async onDispose(): Promise<void> {
    await this.queue.idle();
  }

  /** The table as the start screen shows it (no secrets); called by the HTTP API. */
  info(): TableInfo {
    return publicInfo(this.table, this.scenario, this.game, this.seating);
  }

  /** Token bucket per client: a flood is refused, message by message, and changes nothing. */
  private admit(client: Client, payload: unknown): boolean {
    let bucket = this.buckets.get(client.sessionId);
    if (!bucket) this.buckets.set(client.sessionId, (bucket = new TokenBucket(this.ctx.rateLimit, Date.now())));
    if (bucket.take(Date.now())) return true;
    this.refuse(client, { ...rateLimited(), ref: refOf(payload) });
    return false;
  }

  private unknown(client: Client, type: unknown, payload: unknown): void {
    if (this.admit(client, payload)) this.refuse(client, { ref: refOf(payload), code: 'protocol/unknown_type', message: `There is no message type "${String(type).slice(0, 40)}".` });
  }

  private receive<T extends ClientMessageType>(client: Client, type: T, payload: unknown): void {
    if (!isMessageType(type) || !this.admit(client, payload)) return;
    const parsed = parseMessage(type, payload);
    if (!parsed.ok) return this.refuse(client, parsed.refusal);
    const member = this.seating.get(client.sessionId);
    if (!member) return this.refuse(client, { ref: refOf(payload), code: 'seat/unknown', message: 'You have no seat at this table.' });
    const msg = parsed.msg as ClientMessage<ClientMessageType>;
    if (type === 'act') return void this.act(client, member, msg as ClientMessage<'act'>);
    if (type === 'sync') {
      this.welcome(client, member);
      return this.ack(client, msg.ref);
    }
    if (member.seat !== FACILITATOR_SEAT)
      return this.refuse(client, { ref: msg.ref, code: 'seat/facilitator_only', message: `Only the facilitator can ${type}.` });
    if (type === 'kick') this.kick(client, msg as ClientMessage<'kick'>);
    else this.reassign(client, msg as ClientMessage<'reassign'>);
  }

  private act(client: Client, member: Member, { ref, action }: ClientMessage<'act'>): Promise<void> {
    if (member.seat === OBSERVER) return Promise.resolve(this.refuse(client, { ref, code: 'seat/not_allowed', message: 'Observers watch; they cannot act.' }));
    if (action.type === 'ready' && this.game.phase === 'setup' && !this.settings.selfStart)
      return Promise.resolve(this.refuse(client, { ref, code: 'game/not_started', message: 'The facilitator starts this table.' }));
    return this.commit(member.seat, action as Action, client, ref);
  }

  /** Applies one action in order with every other, logs it durably, then acknowledges and publishes it. */
  private commit(seat: Seat, action: Action, client?: Client, ref?: string): Promise<void> {
    return this.queue.run(async () => {
      const now = Date.now();
      const r = applyAction(this.game, action, { scenario: this.scenario, seat, now });
      if (!r.ok) return client && this.refuse(client, { ref, ...r.error });
      try {
        this.seq = await this.ctx.storage.appendAction(this.table.id, { seat, at: now, action });
      } catch (e) {
        console.error(`table ${this.table.id}: could not store an action`, e);
        return client && this.refuse(client, { ref, code: 'server/storage' as Refusal['code'], message: 'The server could not record that; try again.' });
      }
      this.game = r.state;
      if (client) this.ack(client, ref);
      this.refresh(now);
      await this.markFinished();
    }).catch((e) => console.error(`table ${this.table.id}: ${action.type} failed`, e));
  }

  private checkClock(): void {
    const g = this.game;
    if (this.ticking || g.paused || g.deadline === null || g.deadline > Date.now()) return;
    this.ticking = true;
    void this.commit('system', { type: 'tick' }).finally(() => (this.ticking = false));
  }

  private kick(client: Client, { ref, sessionId }: ClientMessage<'kick'>): void {
    const target = this.seating.remove(sessionId);
    if (!target) return this.refuse(client, { ref, code: 'seat/unknown', message: 'Nobody with that session is at this table.' });
    this.pending.get(sessionId)?.reject(new Error('kicked'));
    this.clients.getById(sessionId)?.leave(KICKED, 'The facilitator removed you from the table.');
    // A kicked player does not get the delegation back by reloading.
    this.persistSeat({ ...target, seat: OBSERVER });
    this.ack(client, ref);
    this.refresh();
  }

  private reassign(client: Client, { ref, from, to }: ClientMessage<'reassign'>): void {
    const r = this.seating.reassign(from, to);
    if (!r.ok) return this.refuse(client, { ref, code: r.code, message: r.message });
    for (const m of r.moved) {
      this.persistSeat(m);
      const c = this.clients.getById(m.sessionId);
      if (c && m.state === 'connected') this.welcome(c, m);
    }
    this.ack(client, ref);
    this.refresh();
  }

  private gone(sessionId: string): void {
    this.seating.setState(sessionId, 'gone');
    this.refresh();
  }

  private welcome(client: Client, m: Member): void {
    const w: ServerMessages['welcome'] = { seat: m.seat, code: this.table.code, scenario: publicScenario(this.scenario), sessionId: client.sessionId, name: m.name };
    client.send('welcome', w);
    this.views.sendTo(client, this.game, m.seat);
  }

  /** Public schema and private views after any change. */
  private refresh(now = Date.now()): void {
    projectGame(this.state, this.game, now);
    projectSeats(this.state, this.seating, this.scenario.roles.map((r) => r.id));
    const bySeat = new Map<string, Client[]>();
    for (const m of this.seating.connected()) {
      const c = this.clients.getById(m.sessionId);
      if (c) bySeat.set(m.seat, [...(bySeat.get(m.seat) ?? []), c]);
    }
    this.views.push(this.game, bySeat);
  }

  private ack(client: Client, ref: string | undefined): void {
    client.send('ack', { ref, seq: this.seq } satisfies ServerMessages['ack']);
  }

  private refuse(client: Client, r: Refusal | ErrorPayload): void {
    client.send('error', { ref: r.ref, code: r.code, message: r.message } satisfies ErrorPayload);
  }

  private persistSeat(m: Member): void {
    if (!m.playerId || m.sessionId.startsWith('stored:')) return;
    const rec = { tableId: this.table.id, playerId: m.playerId, name: m.name, seat: m.seat, token: sha256Hex(m.playerId), updatedAt: Date.now() };
    this.ctx.storage.upsertSeat(rec).catch((e) => console.error(`table ${this.table.id}: could not store a seat`, e));
  }

  private async markFinished(): Promise<void> {
    if (this.game.phase !== 'ended' || this.table.finishedAt !== null) return;
    this.table.finishedAt = Date.now();
    await this.ctx.storage.finishTable(this.table.id, this.table.finishedAt);
    // A finished table closes once its last client leaves; its code reopens it for the debrief.
    this.autoDispose = true;
  }
}
