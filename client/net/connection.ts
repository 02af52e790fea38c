import { Client, type Room } from 'colyseus.js';
import type { View } from '../../shared/engine/view.js';
import { applyViewDelta, type ViewDelta } from '../../shared/engine/view-delta.js';
import type { ActionMessage, BotNote, JoinOptions, ServerMessages } from '../../shared/protocol.js';

// The one module that talks to colyseus.js. Everything else sees this typed facade.

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'lost' | 'left';
export type Welcome = ServerMessages['welcome'];
export type ServerError = ServerMessages['error'];
export type ActResult = { ok: true; seq: number } | { ok: false; code: string; message: string };

export interface PublicSeat {
  role: string;
  status: 'free' | 'present' | 'reconnecting' | 'absent';
  names: string[];
  /** A bot plays this delegation now (a person who joins takes over). */
  bot?: boolean;
}

/** The public, synchronised table state: who is present, and the server clock. */
export interface PublicTable {
  seats: Record<string, PublicSeat>;
  observers: number;
  facilitators: number;
  serverTime: number;
  /** The delegations start the talks themselves when all are ready. */
  selfStart: boolean;
}

type Listener<T> = (value: T) => void;

class Emitter<T> {
  private fns = new Set<Listener<T>>();
  on(fn: Listener<T>): () => void {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
  emit(value: T): void {
    for (const fn of [...this.fns]) fn(value);
  }
}

const CONSENTED = 1000;
const KICKED = 4001;
/** The instructor moved this player; a 'moved' message said where to. */
const MOVED = 4003;
const RETRY_MS = 1000;
/** How long to keep trying to get back in before showing "connection lost". */
const GIVE_UP_MS = 60_000;

export class Connection {
  private client: Client;
  private room: Room | null = null;
  private options: JoinOptions | null = null;
  private roomId = '';
  private refs = 0;
  private pending = new Map<string, (r: ActResult) => void>();
  private skew = 0;
  private lastServerTime = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private current: View | null = null;
  status: ConnectionStatus = 'idle';

  readonly welcome = new Emitter<Welcome>();
  readonly view = new Emitter<View>();
  readonly table = new Emitter<PublicTable>();
  /** Errors that answer no request of ours (or whose request is gone). */
  readonly errors = new Emitter<ServerError>();
  readonly statusChange = new Emitter<ConnectionStatus>();
  /** Facilitator only: why a bot made its move (public line and private reasoning). */
  readonly botNotes = new Emitter<BotNote>();
  /** The instructor moved this player to another seat or table. */
  readonly moves = new Emitter<ServerMessages['moved']>();

  constructor(endpoint = defaultEndpoint()) {
    this.client = new Client(endpoint);
  }

  onWelcome(fn: Listener<Welcome>) { return this.welcome.on(fn); }
  onView(fn: Listener<View>) { return this.view.on(fn); }
  onTable(fn: Listener<PublicTable>) { return this.table.on(fn); }
  onError(fn: Listener<ServerError>) { return this.errors.on(fn); }
  onStatus(fn: Listener<ConnectionStatus>) { return this.statusChange.on(fn); }
  onBotNote(fn: Listener<BotNote>) { return this.botNotes.on(fn); }
  onMoved(fn: Listener<ServerMessages['moved']>) { return this.moves.on(fn); }

  /** Server clock estimate, ms. */
  serverNow(): number {
    return Date.now() + this.skew;
  }

  /** Joins a table's room; throws an Error with a readable message when refused. */
  async join(roomId: string, options: JoinOptions): Promise<void> {
    this.options = options;
    this.roomId = roomId;
    this.setStatus('connecting');
    try {
      this.bind(await this.client.joinById(roomId, options));
    } catch (e) {
      this.setStatus('idle');
      throw new Error(readableJoinError(e));
    }
  }

  /** Sends a game action; resolves with the server's ack or its error (never rejects). */
  act(action: ActionMessage): Promise<ActResult> {
    return this.request('act', { action });
  }

  /**
   * Puts a bot in a delegation's seat (on) or takes it out. The facilitator's seat may always; any
   * other seat needs the table's facilitator key (a solo player who created the table has it).
   */
  setBot(role: string, on: boolean, facilitatorKey?: string): Promise<ActResult> {
    return this.request('bot', facilitatorKey ? { role, on, facilitatorKey } : { role, on });
  }

  /** Asks the server to send our welcome and view again. */
  sync(): Promise<ActResult> {
    return this.request('sync', {});
  }

  async leave(): Promise<void> {
    this.stopRetry();
    const room = this.room;
    this.room = null;
    this.setStatus('left');
    if (room) await room.leave(true).catch(() => undefined);
  }

  /** Gives up waiting and tries once more right now (the "try again" button). */
  retryNow(): void {
    this.stopRetry();
    this.setStatus('reconnecting');
    void this.recover(Date.now());
  }

  private request(type: 'act' | 'sync' | 'bot', payload: Record<string, unknown>): Promise<ActResult> {
    const room = this.room;
    if (!room || this.status !== 'connected')
      return Promise.resolve({ ok: false, code: 'client/offline', message: 'Not connected to the table right now; wait for the connection to come back.' });
    const ref = `r${++this.refs}`;
    return new Promise<ActResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        resolve({ ok: false, code: 'client/timeout', message: 'The server did not answer in time; check the table and try again.' });
      }, 10_000);
      this.pending.set(ref, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      room.send(type, { ref, ...payload });
    });
  }

  private bind(room: Room): void {
    this.room = room;
    room.onMessage('welcome', (w: Welcome) => this.welcome.emit(w));
    room.onMessage('view', (v: View) => this.showView(v));
    room.onMessage('delta', (d: ServerMessages['delta']) => this.mergeDelta(d));
    room.onMessage('botNote', (n: BotNote) => this.botNotes.emit(n));
    room.onMessage('moved', (m: ServerMessages['moved']) => this.moves.emit(m));
    room.onMessage('ack', (a: ServerMessages['ack']) => this.settle(a.ref, { ok: true, seq: a.seq }));
    room.onMessage('error', (e: ServerError) => {
      if (!this.settle(e.ref, { ok: false, code: e.code, message: e.message })) this.errors.emit(e);
    });
    room.onStateChange((state: unknown) => this.publishTable(state));
    room.onLeave((code: number) => this.dropped(room, code));
    this.setStatus('connected');
  }

  /** The server sends the whole view once, then what changed: listeners always get a whole view. */
  private showView(v: View): void {
    this.current = v;
    this.view.emit(v);
  }

  /** A delta may carry the acknowledgement of our own action: the view it caused is shown first, then the ack settles. */
  private mergeDelta(d: ServerMessages['delta']): void {
    const next = this.current && applyViewDelta(this.current, d as ViewDelta);
    // A change that does not fit the view we hold: ask for the whole view again (the action itself was accepted).
    if (!next) void this.sync();
    else this.showView(next);
    if (d.ack) this.settle(d.ack.ref, { ok: true, seq: d.ack.seq });
  }

  private settle(ref: string | undefined, r: ActResult): boolean {
    const fn = ref ? this.pending.get(ref) : undefined;
    if (!fn || !ref) return false;
    this.pending.delete(ref);
    fn(r);
    return true;
  }

  private publishTable(state: unknown): void {
    const s = (state as { toJSON?: () => unknown })?.toJSON?.() as Partial<PublicTable> & { seats?: Record<string, PublicSeat> } | undefined;
    if (!s) return;
    // serverTime moves only with the clock (and on joins): estimate the skew when it is new, not on every patch.
    if (typeof s.serverTime === 'number' && s.serverTime > 0 && s.serverTime !== this.lastServerTime) this.skew = s.serverTime - Date.now();
    this.lastServerTime = s.serverTime ?? 0;
    this.table.emit({ seats: s.seats ?? {}, observers: s.observers ?? 0, facilitators: s.facilitators ?? 0, serverTime: s.serverTime ?? 0, selfStart: s.selfStart === true });
  }

  private dropped(room: Room, code: number): void {
    if (room !== this.room) return;
    this.room = null;
    for (const fn of this.pending.values()) fn({ ok: false, code: 'client/offline', message: 'The connection dropped before the server answered; try again once it is back.' });
    this.pending.clear();
    if (code === CONSENTED || code === MOVED) return this.setStatus('left');
    if (code === KICKED) {
      this.errors.emit({ code: 'seat/not_allowed', message: 'The facilitator removed you from this table.' });
      return this.setStatus('left');
    }
    this.setStatus('reconnecting');
    void this.recover(Date.now(), room.reconnectionToken);
  }

  /** Tries the reconnection token first, then a fresh join with the same playerId (which gets the seat back). */
  private async recover(since: number, token?: string): Promise<void> {
    if (this.status !== 'reconnecting') return;
    try {
      if (token) this.bind(await this.client.reconnect(token));
      else if (this.options) this.bind(await this.client.joinById(this.roomId, this.options));
      return;
    } catch {
      // Try again below.
    }
    if (Date.now() - since > GIVE_UP_MS) return this.setStatus('lost');
    this.retryTimer = setTimeout(() => void this.recover(since), RETRY_MS);
  }

  private stopRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.status) return;
    this.status = s;
    this.statusChange.emit(s);
  }
}

function defaultEndpoint(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`;
}

/** Join refusals come back as "code: sentence"; keep the sentence. */
function readableJoinError(e: unknown): string {
  const raw = e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e);
  const m = /^[a-z_]+\/[a-z_]+:\s*(.+)$/s.exec(raw);
  if (m) return m[1];
  if (/not found|locked|expired/i.test(raw)) return 'That table is not open any more.';
  if (/failed to fetch|network/i.test(raw)) return 'The game server cannot be reached; check the connection and try again.';
  return raw || 'Could not join the table.';
}

