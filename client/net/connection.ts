import { Client, type Room } from 'colyseus.js';
import type { View } from '../../shared/engine/view.js';
import { applyViewDelta, type ViewDelta } from '../../shared/engine/view-delta.js';
import type { ActionMessage, BotNote, BotRecap, JoinOptions, ServerMessages } from '../../shared/protocol.js';
import { api } from './api.js';
import { serverAnswers } from './http.js';
import { blockedMessage, liveEndpoint, probeLiveConnection } from './probe.js';
import { everySecond } from './ticker.js';

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

/**
 * colyseus.js hands out a room only once it has joined; a join stuck on a WebSocket nobody answers would
 * keep that socket "connecting", and Chromium opens one such socket per host at a time, so every later
 * try would queue behind it. This client remembers the rooms it makes, so an abandoned try can be closed.
 */
class TrackingClient extends Client {
  private made = new Set<Room>();

  protected override createRoom<T>(roomName: string, rootSchema?: Parameters<Client['joinById']>[2]): Room<T> {
    const room = super.createRoom<T>(roomName, rootSchema as never);
    this.made.add(room as Room);
    return room;
  }

  /** Rooms made since the last call (their sockets may still be opening). */
  takeMade(): Room[] {
    const rooms = [...this.made];
    this.made.clear();
    return rooms;
  }
}

/** Closes the sockets of join attempts we gave up on (see TrackingClient). */
function abandon(rooms: Room[], keep: Room | null): void {
  for (const r of rooms) {
    if (r === keep) continue;
    try {
      r.connection.close();
    } catch {
      // Never opened, or already closed.
    }
  }
}

const CONSENTED = 1000;
const KICKED = 4001;
/** The instructor moved this player; a 'moved' message said where to. */
const MOVED = 4003;
/** The page pings the room this often, ms (server/rooms/heartbeat.ts answers). */
export const PING_EVERY_MS = 4_000;
/** Nothing heard from the room for this long, ms: the link is dead even if the socket says open. */
export const SILENT_LINK_MS = 10_000;
/** After the tab comes back, being asleep or offline: how soon a ping must be answered, ms. */
const WAKE_CHECK_MS = 4_000;
/** One reconnection try is abandoned after this long, ms (a stalled network may never answer it). */
const ATTEMPT_MS = 6_000;
/** Retry delays: jittered exponential, from BACKOFF_MIN_MS up to BACKOFF_MAX_MS, forever while the seat exists. */
export const BACKOFF_MIN_MS = 500;
export const BACKOFF_MAX_MS = 3_000;

/** The n-th retry delay (n from 0), ms: doubling from min up to max, each drawn at random in [half, whole]. */
export function backoffMs(n: number, random = Math.random, min = BACKOFF_MIN_MS, max = BACKOFF_MAX_MS): number {
  const whole = Math.min(max, min * 2 ** Math.min(n, 20));
  return Math.round(whole / 2 + random() * (whole / 2));
}

export class Connection {
  private client: TrackingClient;
  private endpoint: string;
  private room: Room | null = null;
  private options: JoinOptions | null = null;
  private roomId = '';
  private refs = 0;
  private pending = new Map<string, (r: ActResult) => void>();
  private skew = 0;
  private lastServerTime = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopTick: (() => void) | null = null;
  private current: View | null = null;
  private lastHeard = 0;
  private lastPing = 0;
  /** When a wake-up check's ping must have been answered by (0: none running). */
  private wakeDeadline = 0;
  private token: string | undefined;
  private attempts = 0;
  private trying = false;
  private droppedAt = 0;
  status: ConnectionStatus = 'idle';

  readonly welcome = new Emitter<Welcome>();
  readonly view = new Emitter<View>();
  readonly table = new Emitter<PublicTable>();
  /** Errors that answer no request of ours (or whose request is gone). */
  readonly errors = new Emitter<ServerError>();
  readonly statusChange = new Emitter<ConnectionStatus>();
  /** Facilitator only: why a bot made its move (public line and private reasoning). */
  readonly botNotes = new Emitter<BotNote>();
  /** A stand-in bot's recap for this seat's people (issue 15). */
  readonly botRecaps = new Emitter<BotRecap>();
  /** The instructor moved this player to another seat or table. */
  readonly moves = new Emitter<ServerMessages['moved']>();
  /** A reason live connections fail that the student should read (a blocked WebSocket), or null once it works. */
  readonly problems = new Emitter<string | null>();
  /** Back at the table after a drop: `since` is the server time the link was lost (ms). */
  readonly returns = new Emitter<{ since: number }>();

  constructor(endpoint = liveEndpoint()) {
    this.endpoint = endpoint;
    this.client = new TrackingClient(endpoint);
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => this.nudge());
      // The browser knows the network went: check the link now rather than after SILENT_LINK_MS of silence.
      window.addEventListener('offline', () => this.nudge());
      window.addEventListener('focus', () => this.nudge());
      document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.nudge());
    }
  }

  onWelcome(fn: Listener<Welcome>) {
    return this.welcome.on(fn);
  }
  onView(fn: Listener<View>) {
    return this.view.on(fn);
  }
  onTable(fn: Listener<PublicTable>) {
    return this.table.on(fn);
  }
  onError(fn: Listener<ServerError>) {
    return this.errors.on(fn);
  }
  onStatus(fn: Listener<ConnectionStatus>) {
    return this.statusChange.on(fn);
  }
  onBotNote(fn: Listener<BotNote>) {
    return this.botNotes.on(fn);
  }
  onBotRecap(fn: Listener<BotRecap>) {
    return this.botRecaps.on(fn);
  }
  onMoved(fn: Listener<ServerMessages['moved']>) {
    return this.moves.on(fn);
  }
  onProblem(fn: Listener<string | null>) {
    return this.problems.on(fn);
  }
  onReturn(fn: Listener<{ since: number }>) {
    return this.returns.on(fn);
  }

  /** Server clock estimate, ms. */
  serverNow(): number {
    return Date.now() + this.skew;
  }

  /**
   * Joins a table's room; throws an Error with a readable message when refused. When the page's network
   * blocks WebSockets (the upgrade is refused or never answered), it throws within 5 s saying so.
   */
  async join(roomId: string, options: JoinOptions): Promise<void> {
    this.stopRetry();
    this.options = options;
    this.roomId = roomId;
    this.token = undefined;
    this.setStatus('connecting');
    const joining = this.client.joinById(roomId, options);
    const probe = probeLiveConnection(this.endpoint);
    // The live link is blocked: say so now rather than when (if ever) the join gives up.
    const blocked = probe.then((r) =>
      r.ok ? new Promise<never>(() => undefined) : Promise.reject(new Error(blockedMessage(r))),
    );
    try {
      const room = await Promise.race([joining, blocked]);
      this.client.takeMade();
      this.problems.emit(null);
      this.bind(room);
    } catch (e) {
      // A join that arrives after we gave up must not hold a seat, nor its socket block later tries.
      joining.then((late) => late.leave(true)).catch(() => undefined);
      abandon(this.client.takeMade(), null);
      this.setStatus('idle');
      const r = await probe;
      if (!r.ok) {
        this.problems.emit(blockedMessage(r));
        throw new Error(blockedMessage(r), { cause: e });
      }
      throw new Error(readableJoinError(e), { cause: e });
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
    this.stopBeat();
    const room = this.room;
    this.room = null;
    this.setStatus('left');
    // A socket already closing has left: saying so again would write to it (an error in the browser's console).
    if (room && isOpen(room)) await room.leave(true).catch(() => undefined);
  }

  /** Tries to get back in right now (the "try again" button; also on online, focus and a visible tab). */
  retryNow(): void {
    if (this.status === 'lost') this.setStatus('reconnecting');
    if (this.status !== 'reconnecting') return;
    this.stopRetry();
    this.attempts = 0;
    void this.recover();
  }

  /** The network may have come back or the laptop woke: retry at once, or check a link that claims to be up. */
  private nudge(): void {
    if (this.status === 'reconnecting' || this.status === 'lost') return this.retryNow();
    if (this.status !== 'connected' || this.wakeDeadline) return;
    this.wakeDeadline = Date.now() + WAKE_CHECK_MS;
    this.ping();
  }

  private request(type: 'act' | 'sync' | 'bot', payload: Record<string, unknown>): Promise<ActResult> {
    const room = this.room;
    if (!room || this.status !== 'connected' || !isOpen(room))
      return Promise.resolve({
        ok: false,
        code: 'client/offline',
        message:
          'Not connected to the table right now, so nothing was sent: wait until the header says Connected, then try again.',
      });
    const ref = `r${++this.refs}`;
    return new Promise<ActResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        resolve({
          ok: false,
          code: 'client/timeout',
          message: 'The server did not answer in time; check the table and try again.',
        });
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
    this.token = room.reconnectionToken;
    this.attempts = 0;
    const on = <T>(type: string, fn: (m: T) => void) =>
      room.onMessage(type, (m: T) => {
        if (room !== this.room) return;
        this.heard();
        fn(m);
      });
    on('welcome', (w: Welcome) => this.welcome.emit(w));
    on('view', (v: View) => this.showView(v));
    on('delta', (d: ServerMessages['delta']) => this.mergeDelta(d));
    on('history', (h: ServerMessages['history']) => this.mergeHistory(h));
    on('botNote', (n: BotNote) => this.botNotes.emit(n));
    on('botRecap', (n: BotRecap) => this.botRecaps.emit(n));
    on('moved', (m: ServerMessages['moved']) => this.moves.emit(m));
    on('pong', () => undefined);
    on('ack', (a: ServerMessages['ack']) => this.settle(a.ref, { ok: true, seq: a.seq }));
    on('error', (e: ServerError) => {
      if (!this.settle(e.ref, { ok: false, code: e.code, message: e.message })) this.errors.emit(e);
    });
    room.onStateChange((state: unknown) => {
      if (room !== this.room) return;
      this.heard();
      this.publishTable(state);
    });
    room.onLeave((code: number) => this.dropped(room, code));
    this.heard();
    this.startBeat();
    const wasAway = this.droppedAt;
    this.droppedAt = 0;
    this.setStatus('connected');
    if (wasAway) this.returns.emit({ since: wasAway });
  }

  private heard(): void {
    this.lastHeard = Date.now();
    this.wakeDeadline = 0;
  }

  private ping(): void {
    this.lastPing = Date.now();
    try {
      // A socket already closing is not written to (the browser logs an error for each try); the beat notices it.
      if (this.room && isOpen(this.room)) this.room.send('ping', { ref: `p${++this.refs}` });
    } catch {
      // A socket that cannot send is dead; the next beat notices.
    }
  }

  /** Pings the room every PING_EVERY_MS; a room silent for SILENT_LINK_MS (or a failed wake-up check) is a dead link. */
  private startBeat(): void {
    this.stopBeat();
    this.lastPing = Date.now();
    this.stopTick = everySecond(() => {
      const now = Date.now();
      if (now - this.lastHeard > SILENT_LINK_MS || (this.wakeDeadline && now > this.wakeDeadline))
        return this.deadLink();
      if (now - this.lastPing >= PING_EVERY_MS) this.ping();
    });
  }

  private stopBeat(): void {
    this.stopTick?.();
    this.stopTick = null;
    this.wakeDeadline = 0;
  }

  /** The socket says open but nothing comes through: drop it ourselves and start getting back in. */
  private deadLink(): void {
    const room = this.room;
    if (!room) return;
    try {
      // Closing without a handshake: the other end may never answer one.
      room.connection.close();
    } catch {
      // Already closed.
    }
    this.dropped(room, 1006);
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

  /**
   * A whole view carries only the last lines (chatFrom / timelineFrom say how many come before): asks the server
   * for the page just before them; it is merged into the view when it arrives. False when there is nothing earlier.
   */
  loadEarlier(channel: 'chat' | 'timeline' = 'chat'): boolean {
    const before = (channel === 'chat' ? this.current?.chatFrom : this.current?.timelineFrom) ?? 0;
    if (!this.room || before <= 0 || !isOpen(this.room)) return false;
    this.room.send('history', { ref: `h${++this.refs}`, channel, before });
    return true;
  }

  /** An older page goes in front of the lines we hold, when it ends where they begin (else it is stale and dropped). */
  private mergeHistory(h: ServerMessages['history']): void {
    const v = this.current;
    const key = h.channel === 'chat' ? 'chatFrom' : 'timelineFrom';
    if (!v || h.from + h.items.length !== (v[key] ?? 0)) return;
    const next: View = { ...v, [key]: h.from };
    if (h.channel === 'chat') next.chat = [...(h.items as View['chat']), ...v.chat];
    else next.timeline = [...(h.items as View['timeline']), ...v.timeline];
    if (!h.from) delete next[key];
    this.showView(next);
  }

  private settle(ref: string | undefined, r: ActResult): boolean {
    const fn = ref ? this.pending.get(ref) : undefined;
    if (!fn || !ref) return false;
    this.pending.delete(ref);
    fn(r);
    return true;
  }

  private publishTable(state: unknown): void {
    const s = (state as { toJSON?: () => unknown })?.toJSON?.() as
      (Partial<PublicTable> & { seats?: Record<string, PublicSeat> }) | undefined;
    if (!s) return;
    // serverTime moves only with the clock (and on joins): estimate the skew when it is new, not on every patch.
    if (typeof s.serverTime === 'number' && s.serverTime > 0 && s.serverTime !== this.lastServerTime)
      this.skew = s.serverTime - Date.now();
    this.lastServerTime = s.serverTime ?? 0;
    this.table.emit({
      seats: s.seats ?? {},
      observers: s.observers ?? 0,
      facilitators: s.facilitators ?? 0,
      serverTime: s.serverTime ?? 0,
      selfStart: s.selfStart === true,
    });
  }

  private dropped(room: Room, code: number): void {
    if (room !== this.room) return;
    this.room = null;
    this.stopBeat();
    for (const fn of this.pending.values())
      fn({
        ok: false,
        code: 'client/offline',
        message:
          'The connection dropped before the server answered: once it is back, look whether it went through (a chat line shows in the talks, a move in the Log tab) before sending it again.',
      });
    this.pending.clear();
    if (code === CONSENTED || code === MOVED) return this.setStatus('left');
    if (code === KICKED) {
      this.errors.emit({ code: 'seat/not_allowed', message: 'The facilitator removed you from this table.' });
      return this.setStatus('left');
    }
    this.droppedAt = this.serverNow() - SILENT_LINK_MS;
    this.setStatus('reconnecting');
    this.attempts = 0;
    void this.recover();
  }

  /**
   * One try at getting back in: the reconnection token while the server still holds our session, then a
   * fresh join with the same playerId (which gets the seat back after the grace period). Retries forever
   * with jittered backoff while the seat exists; stops ("lost") only when the server says there is no seat.
   */
  private async recover(): Promise<void> {
    if (this.status !== 'reconnecting' || this.trying) return;
    this.trying = true;
    const useToken = !!this.token;
    const attempt = useToken
      ? this.client.reconnect(this.token!)
      : this.client.joinById(this.roomId, this.options ?? { name: '?' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ATTEMPT_MS)));
    // A stalled network may answer an abandoned try much later: keep that room if we still need one.
    attempt.then(
      (late) => {
        if (this.room === late) return;
        if (this.status === 'reconnecting' && !this.room) return this.bind(late);
        late.leave(true).catch(() => undefined);
      },
      () => undefined,
    );
    let again = false;
    try {
      const r = await Promise.race([attempt, timeout]);
      if (r !== 'timeout') return void this.client.takeMade();
      abandon(this.client.takeMade(), this.room);
    } catch (e) {
      const refusal = serverRefusal(e);
      // The server no longer holds our session (grace passed): join by playerId, at once.
      if (useToken && refusal) {
        this.token = undefined;
        again = true;
      } else if (refusal && /^seat\//.test(refusal)) {
        this.errors.emit({ code: 'seat/unknown', message: readableJoinError(e) });
        return void this.setStatus('lost');
      } else if (refusal && /not found|disposed/i.test(refusal)) await this.reopen();
    } finally {
      clearTimeout(timer);
      this.trying = false;
    }
    if (this.status !== 'reconnecting') return;
    if (again) return void this.recover();
    if (diagnoseNow(this.attempts)) void this.diagnose();
    this.retryTimer = setTimeout(() => void this.recover(), backoffMs(this.attempts++));
  }

  /** The room closed (a restart, or a finished table whose last client left): the table's code opens it again. */
  private async reopen(): Promise<void> {
    const code = this.options?.code;
    if (!code) return;
    const t = await api.table(code).catch(() => null);
    if (t?.roomId) this.roomId = t.roomId;
  }

  /** Every few failed tries: are live connections blocked while pages still load? Tell the student if so. */
  private async diagnose(): Promise<void> {
    const r = await probeLiveConnection(this.endpoint);
    if (this.status !== 'reconnecting') return;
    if (r.ok) return this.problems.emit(null);
    // Pages reachable but the WebSocket is not: a filter, not an outage.
    const pagesOk = await serverAnswers();
    this.problems.emit(pagesOk ? blockedMessage(r) : null);
  }

  private stopRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.status) return;
    this.status = s;
    if (s === 'connected' || s === 'left') this.problems.emit(null);
    this.statusChange.emit(s);
  }
}

/** Look for a blocked network on the 2nd failed try and every 4th after it (not on every retry). */
function diagnoseNow(attempts: number): boolean {
  return attempts >= 1 && (attempts - 1) % 4 === 0;
}

/**
 * The server's own refusal (a matchmaking answer: a Colyseus error code of 4000 and up, or an HTTP error
 * with the server's JSON reason), or null for a network failure, a proxy's error page or a closed socket.
 */
export function serverRefusal(e: unknown): string | null {
  const code = (e as { code?: unknown })?.code;
  const message = e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? '');
  if (typeof code !== 'number') return null;
  if (code >= 4000 && code !== 4002) return message || String(code);
  const generic =
    /^(bad gateway|service unavailable|gateway time-?out|internal server error|failed to fetch|network ?error)?$/i;
  if (code >= 400 && code < 600 && !generic.test(message.trim())) return message;
  return null;
}

/** Join refusals come back as "code: sentence"; keep the sentence. */
function readableJoinError(e: unknown): string {
  const raw = e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e);
  const m = /^[a-z_]+\/[a-z_]+:\s*(.+)$/s.exec(raw);
  if (m) return m[1];
  if (/not found|locked|expired/i.test(raw)) return 'That table is not open any more.';
  if (/failed to fetch|network/i.test(raw))
    return 'The game server cannot be reached; check the connection and try again.';
  return raw || 'Could not join the table.';
}

/** Whether the room's socket is open for writing (not yet connecting, nor closing after a drop or a leave). */
function isOpen(room: Room): boolean {
  return room.connection.isOpen;
}
