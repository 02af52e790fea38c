// Load generator: N tables of four bot clients over real WebSockets, each acting as fast as the
// rules and the server's rate limit allow. Reports latency samples and wire bytes over IPC.
import { Client, type Room } from 'colyseus.js';
import { allowed, applyViewDelta, type Action, type Rules, type View, type ViewDelta } from '../shared/engine/index.js';
import type { ServerMessages } from '../shared/protocol.js';

interface Args {
  url: string;
  tables: number;
  scenario: string;
  /** Smallest gap between two actions of one client (the server allows 10 a second). */
  minGapMs: number;
  /** Chat lines each delegation posts in every talks phase before it declares itself ready. */
  chatsPerTalks: number;
  /** Rounds per game (the scenario's maximum keeps tables playing rather than re-joining). */
  rounds: number;
  /**
   * Against bench/baseline-server.ts: there are no views, so each bot sends the public chat line it would send
   * in the talks, as soon as its last one is acknowledged and the same gaps allow (the same closed loop).
   */
  baseline?: boolean;
}

const args: Args = JSON.parse(process.argv[2]);
const wsUrl = args.url.replace('http', 'ws');
let measuring = false;
/** Bots sit still until every table is open, so joining is not measured as play. */
let going = false;
let stopping = false;
const latencies: number[] = [];
const counters = {
  retries: 0,
  acks: 0,
  errors: 0,
  rateLimited: 0,
  games: 0,
  clientRounds: 0,
  bytesIn: 0,
  bytesOut: 0,
  framesIn: 0,
};
const errorCodes: Record<string, number> = {};
const byType: Record<string, number[]> = {};

/** Bytes through a colyseus.js room's socket so far (frames included, TCP/IP headers not). */
function socketBytes(room: Room): { in: number; out: number } {
  const ws = (
    room.connection as unknown as { transport: { ws: { _socket?: { bytesRead: number; bytesWritten: number } } } }
  ).transport.ws;
  return { in: ws._socket?.bytesRead ?? 0, out: ws._socket?.bytesWritten ?? 0 };
}

/** Counts the WebSocket messages (frames) a room's socket receives while measuring. */
function countFrames(room: Room): void {
  const ws = (room.connection as unknown as { transport: { ws: { on?: (e: string, f: () => void) => void } } })
    .transport.ws;
  ws.on?.('message', () => {
    if (measuring) counters.framesIn++;
  });
}

class Bot {
  view: View | null = null;
  private busy = false;
  private stale = false;
  private lastSent = 0;
  private gap = args.minGapMs >= 1000 ? Math.random() * args.minGapMs : 0;
  private chats = new Map<string, number>();
  private proposeFailed = new Set<string>();
  private rounds = new Set<number>();
  private rules: Rules | null = null;
  private timer: NodeJS.Timeout | null = null;
  private bytesAtStart = { in: 0, out: 0 };

  constructor(
    readonly room: Room,
    readonly seat: string,
    private table: Table,
  ) {
    countFrames(room);
    room.onMessage('welcome', (w: ServerMessages['welcome']) => (this.rules = w.scenario));
    room.onMessage('view', (v: View) => this.see(v));
    room.onMessage('delta', (d: ViewDelta & { ack?: ServerMessages['ack'] }) => {
      const v = this.view && applyViewDelta(this.view, d);
      if (!v) throw new Error(`${seat}: a delta that does not fit the view`);
      // The sender's acknowledgement may travel with the delta it caused: the view is then already current.
      if (d.ack) {
        this.view = v;
        this.stale = false;
        this.onAck?.(d.ack, true);
      }
      this.see(v);
    });
    room.onMessage('ack', (a: ServerMessages['ack']) => this.onAck?.(a, false));
    room.onMessage('error', (e: ServerMessages['error']) => this.onError?.(e));
    room.onMessage('*', () => {});
  }

  private see(v: View): void {
    if (process.env.BENCH_TRACE) console.error(this.seat, 'view', v.phase, v.round, v.ready.join(','), v.chat.length);
    this.view = v;
    this.stale = false;
    if (measuring && v.round > 0) this.rounds.add(v.round);
    this.step();
  }

  startMeasuring(): void {
    this.bytesAtStart = socketBytes(this.room);
    this.rounds.clear();
  }

  collect(): void {
    const b = socketBytes(this.room);
    counters.bytesIn += b.in - this.bytesAtStart.in;
    counters.bytesOut += b.out - this.bytesAtStart.out;
    counters.clientRounds += this.rounds.size;
    this.bytesAtStart = b;
    this.rounds.clear();
  }

  private decide(v: View): Record<string, unknown> | null {
    const key = `${v.round}:${v.phase}`;
    if (v.phase === 'ended') return null;
    if (v.phase === 'moves') {
      if (v.turn !== this.seat || v.moved.includes(this.seat)) return null;
      if (!this.proposeFailed.has(key) && Math.random() < 0.3 && this.rules?.issues.length) {
        const offer = this.randomOffer(v);
        if (offer) return offer;
      }
      return { type: 'pass' };
    }
    if (v.phase === 'talks' && !v.ready.includes(this.seat) && (this.chats.get(key) ?? 0) < args.chatsPerTalks) {
      return {
        type: 'chat',
        channel: 'public',
        text: `Round ${v.round}: a proposal worth discussing from ${this.seat}.`,
      };
    }
    if (!v.ready.includes(this.seat)) return { type: 'ready' };
    return null;
  }

  /** A random offer on the first two issues that the engine would accept from this seat (as a player's screen offers only those), or null. */
  private randomOffer(v: View): Action | null {
    if (!this.rules) return null;
    const others = v.turnOrder.filter((r) => r !== this.seat);
    for (let attempt = 0; attempt < 5; attempt++) {
      const terms: Record<string, string> = {};
      for (const i of this.rules.issues.slice(0, 2))
        terms[i.id] = i.options[Math.floor(Math.random() * i.options.length)].id;
      const offer = { type: 'propose', to: [others[Math.floor(Math.random() * others.length)]], terms } as Action;
      if (allowed(v, this.rules, offer)) return offer;
    }
    return null;
  }

  step(): void {
    if (args.baseline) return this.stepBaseline();
    if (!going || this.busy || this.stale || !this.view || stopping) return;
    const v = this.view;
    if (v.phase === 'ended') return this.table.ended();
    this.send(this.decide(v), v);
  }

  private stepBaseline(): void {
    if (!going || this.busy || stopping) return;
    this.send(
      { type: 'chat', channel: 'public', text: `Round 1: a proposal worth discussing from ${this.seat}.` },
      null,
    );
  }

  private send(action: Record<string, unknown> | null, v: View | null): void {
    if (!action) return;
    const wait = this.lastSent + this.gap - performance.now();
    if (wait > 0) {
      if (!this.timer) this.timer = setTimeout(() => ((this.timer = null), this.step()), wait);
      return;
    }
    this.busy = true;
    this.lastSent = performance.now();
    // At a paced load people do not act in step: each gap is drawn between half and one and a half times the pace.
    this.gap = args.minGapMs >= 1000 ? args.minGapMs * (0.5 + Math.random()) : args.minGapMs;
    if (action.type === 'chat' && v)
      this.chats.set(`${v.round}:${v.phase}`, (this.chats.get(`${v.round}:${v.phase}`) ?? 0) + 1);
    const ref = String(Math.random()).slice(2, 12);
    const t0 = performance.now();
    this.onAck = (a, withView) => {
      if (a.ref !== ref) return;
      done();
      if (measuring) {
        latencies.push(performance.now() - t0);
        if (process.env.BENCH_DEBUG) (byType[String(action.type)] ??= []).push(performance.now() - t0);
        counters.acks++;
      }
      // Wait for the view this action produced (a chat may not change the sender's own view).
      if (withView) return;
      if (action.type === 'chat') setImmediate(() => this.step());
      else {
        this.stale = true;
        setTimeout(() => {
          if (this.stale) {
            this.stale = false;
            this.step();
          }
        }, 1000);
      }
    };
    this.onError = (e) => {
      if (e.ref !== ref && e.code !== 'protocol/rate_limited') return;
      done();
      if (measuring) {
        counters.errors++;
        errorCodes[e.code] = (errorCodes[e.code] ?? 0) + 1;
        if (e.code === 'protocol/rate_limited') counters.rateLimited++;
      }
      if (action.type === 'propose') this.proposeFailed.add(`${this.view?.round}:${this.view?.phase}`);
      setTimeout(() => this.step(), e.code === 'protocol/rate_limited' ? 200 : 0);
    };
    const done = () => {
      this.onAck = this.onError = null;
      this.busy = false;
    };
    this.inFlight = String(action.type);
    if (process.env.BENCH_TRACE) console.error(this.seat, 'send', JSON.stringify(action));
    this.room.send('act', { ref, action });
  }

  private inFlight = '';
  private onAck: ((a: ServerMessages['ack'], withView: boolean) => void) | null = null;
  private onError: ((e: ServerMessages['error']) => void) | null = null;
  describe(): string {
    const age = this.busy ? ` ${this.inFlight} ${Math.round((performance.now() - this.lastSent) / 1000)}s` : '';
    return `${this.busy ? 'busy' : this.stale ? 'stale' : 'idle'} ${this.view?.phase}${age}`;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** A loopback HTTP request can still meet a keep-alive socket the server is closing: retry like a browser would. */
async function retry<T>(f: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await f();
    } catch (e) {
      if (i >= tries || stopping) throw e;
      counters.retries++;
      await new Promise((r) => setTimeout(r, 100 * i));
    }
  }
}

class Table {
  bots: Bot[] = [];
  private restarting = false;

  constructor(private index: number) {}

  async open(): Promise<void> {
    const res = await retry(() =>
      fetch(`${args.url}/api/tables`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          scenario: args.scenario,
          selfStart: true,
          rounds: args.rounds,
          phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 },
        }),
      }),
    );
    if (res.status !== 201) throw new Error(`create table: ${res.status} ${await res.text()}`);
    const t = (await res.json()) as { code: string; roomId: string };
    const info = (await retry(async () => (await fetch(`${args.url}/api/tables/${t.code}`)).json())) as {
      roles: { id: string }[];
    };
    const client = new Client(wsUrl);
    // Each bot listens as soon as its room resolves, so it misses no message.
    this.bots = await Promise.all(
      info.roles.map(async (r) => {
        const room = await retry(() =>
          client.joinById(t.roomId, {
            role: r.id,
            name: `Bot ${r.id}`,
            code: t.code,
            playerId: `bench-${this.index}-${r.id}`,
          }),
        );
        return new Bot(room, r.id, this);
      }),
    );
    if (measuring) this.bots.forEach((b) => b.startMeasuring());
  }

  /** A finished game: count it, then sit the same four bots at a fresh table. */
  ended(): void {
    if (this.restarting || stopping) return;
    this.restarting = true;
    if (measuring) counters.games++;
    const old = this.bots;
    old.forEach((b) => (b.collect(), b.stop()));
    void Promise.all(old.map((b) => b.room.leave(true).catch(() => {})))
      .then(() => this.open())
      .catch((e) => stopping || console.error('reopen failed', e))
      .finally(() => (this.restarting = false));
  }
}

const tables = Array.from({ length: args.tables }, (_, i) => new Table(i));
// Open the tables a few at a time, as a school morning would.
for (let i = 0; i < tables.length; i += 10) await Promise.all(tables.slice(i, i + 10).map((t) => t.open()));
process.send!({ type: 'joined' });

let cpuAtMeasure = process.cpuUsage();
let wallAtMeasure = performance.now();
process.on('message', (m: { type: string }) => {
  if (m.type === 'go') {
    going = true;
    for (const t of tables) t.bots.forEach((b) => b.step());
  }
  if (m.type === 'measure') {
    latencies.length = 0;
    Object.keys(counters).forEach((k) => (counters[k as keyof typeof counters] = 0));
    for (const t of tables) t.bots.forEach((b) => b.startMeasuring());
    cpuAtMeasure = process.cpuUsage();
    wallAtMeasure = performance.now();
    measuring = true;
  }
  if (m.type === 'report') {
    measuring = false;
    for (const t of tables) t.bots.forEach((b) => b.collect());
    const cpu = process.cpuUsage(cpuAtMeasure);
    const cpuPct = ((cpu.user + cpu.system) / 1e3 / (performance.now() - wallAtMeasure)) * 100;
    const states: Record<string, number> = {};
    for (const t of tables)
      for (const b of t.bots) {
        const k = b.describe();
        states[k] = (states[k] ?? 0) + 1;
      }
    if (process.env.BENCH_DEBUG) {
      console.error(states);
      for (const [k, xs] of Object.entries(byType)) {
        xs.sort((a, b) => a - b);
        console.error(
          k,
          xs.length,
          'p50',
          xs[xs.length >> 1]?.toFixed(1),
          'p99',
          xs[Math.floor(xs.length * 0.99)]?.toFixed(1),
          'max',
          xs.at(-1)?.toFixed(1),
          'over25',
          xs.filter((x) => x > 25).length,
        );
      }
    }
    process.send!({ type: 'report', latencies, counters, errorCodes, cpuPct });
  }
  if (m.type === 'stop') {
    stopping = true;
    setTimeout(() => process.exit(0), 3000).unref();
    void Promise.all(tables.flatMap((t) => t.bots.map((b) => b.room.leave(true).catch(() => {})))).then(() =>
      process.exit(0),
    );
  }
});
