import { Client, Room } from 'colyseus.js';
import type { ActionMessage, ServerMessages } from '../../shared/protocol.js';
import { matchMaker } from 'colyseus';
import { applyViewDelta, type GameState, type View, type ViewDelta } from '../../shared/engine/index.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/app.js';
import { loadScenarios } from '../../server/scenarios.js';
import { MemoryStorage } from '../../server/storage/memory.js';
import { miniScenario } from '../fixtures/mini-scenario.js';

export type Reply = { ack: ServerMessages['ack'] } | { error: ServerMessages['error'] };

/** A real server on a free loopback port, with in-memory storage unless told otherwise. */
export async function bootServer(o: StartOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', storage: new MemoryStorage(), graceSeconds: 5, tickMs: 50, ...o });
}

/** The scenario files plus the inline test fixture "mini". */
export function testScenarios(): Map<string, Scenario> {
  const all = loadScenarios();
  all.set('mini', miniScenario());
  return all;
}

/** A scenario by id, or a clear failure naming what is missing. */
export function requireScenario(all: Map<string, Scenario>, id: string): Scenario {
  const s = all.get(id);
  if (!s) throw new Error(`scenario "${id}" is not in ${[...all.keys()].join(', ')} (shared/scenarios/*.json)`);
  return s;
}

export async function api<T = unknown>(
  srv: RunningServer,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(
    `${srv.url}${path}`,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return { status: res.status, body: (await res.json()) as T };
}

export async function createTable(srv: RunningServer, body: Record<string, unknown>) {
  const r = await api<{ code: string; facilitatorKey: string; roomId: string }>(srv, '/api/tables', body);
  if (r.status !== 201) throw new Error(`create failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function until(pred: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let refs = 0;

/** One connected client, recording everything the server sends it. */
export class Player {
  views: View[] = [];
  errors: ServerMessages['error'][] = [];
  acks: ServerMessages['ack'][] = [];
  welcomes: ServerMessages['welcome'][] = [];
  /** The types of the messages received, in order (welcome, view, delta, ack, error, and any other). */
  order: string[] = [];
  others: [string | number, unknown][] = [];
  private waiting = new Map<string, (r: Reply) => void>();

  constructor(
    public room: Room,
    public label: string,
  ) {
    this.listen(room);
  }

  static async join(
    srv: RunningServer,
    roomId: string,
    options: Record<string, unknown>,
    label = String(options.role),
  ): Promise<Player> {
    const client = new Client(srv.url.replace('http', 'ws'));
    return new Player(await client.joinById(roomId, options), label);
  }

  listen(room: Room): void {
    this.room = room;
    room.onMessage('view', (v: View) => (this.order.push('view'), this.views.push(v)));
    // A delta is merged into the last whole view, so tests always see whole views.
    room.onMessage('delta', (d: ServerMessages['delta']) => {
      this.order.push('delta');
      const v = this.views.length ? applyViewDelta(this.view, d as ViewDelta) : null;
      if (v) this.views.push(v);
      else
        this.errors.push({
          code: 'client/delta_mismatch' as ServerMessages['error']['code'],
          message: `${this.label}: a delta that does not fit the last view`,
        });
      // The acting client's acknowledgement travels with the delta its action caused: the view is already current.
      if (d.ack) {
        this.acks.push(d.ack);
        this.settle(d.ack.ref, { ack: d.ack });
      }
    });
    room.onMessage('welcome', (w: ServerMessages['welcome']) => (this.order.push('welcome'), this.welcomes.push(w)));
    room.onMessage('ack', (a: ServerMessages['ack']) => {
      this.acks.push(a);
      this.settle(a.ref, { ack: a });
    });
    room.onMessage('error', (e: ServerMessages['error']) => {
      this.errors.push(e);
      this.settle(e.ref, { error: e });
    });
    room.onMessage('*', (type, m) => this.others.push([type, m]));
  }

  private settle(ref: string | undefined, r: Reply): void {
    if (!ref) return;
    this.waiting.get(ref)?.(r);
    this.waiting.delete(ref);
  }

  get view(): View {
    const v = this.views.at(-1);
    if (!v) throw new Error(`${this.label} has no view yet`);
    return v;
  }

  /** Sends any message with a fresh ref and waits for its ack or error. */
  request(type: string, payload: Record<string, unknown> = {}): Promise<Reply> {
    const ref = `${this.label}-${++refs}`;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.label}: no reply to ${type} ${JSON.stringify(payload)}`)),
        5000,
      );
      this.waiting.set(ref, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.room.send(type, { ref, ...payload });
    });
  }

  act(action: ActionMessage | Record<string, unknown>): Promise<Reply> {
    return this.request('act', { action });
  }

  /** Acts and fails the test unless the server accepts. */
  async must(action: ActionMessage): Promise<number> {
    const r = await this.act(action);
    if ('error' in r)
      throw new Error(`${this.label} ${JSON.stringify(action)} refused: ${r.error.code} ${r.error.message}`);
    return r.ack.seq;
  }

  async waitView(pred: (v: View) => boolean, what = 'a view'): Promise<View> {
    await until(() => this.views.length > 0 && pred(this.view), `${this.label}: ${what}`);
    return this.view;
  }

  leave(): Promise<number> {
    return this.room.leave(true);
  }
}

export function errorCode(r: Reply): string | null {
  return 'error' in r ? r.error.code : null;
}

/** The live room object of a table (the test runs the server in-process). */
export function liveRoom(roomId: string): { game: GameState; seq: number } {
  const room = matchMaker.getLocalRoomById(roomId) as unknown as { game: GameState; seq: number } | undefined;
  if (!room) throw new Error(`no live room ${roomId}`);
  return room;
}
