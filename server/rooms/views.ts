import type { Client } from 'colyseus';
import {
  fullView,
  viewDelta,
  type DeltaMemo,
  type GameState,
  type SentView,
  type ViewDelta,
} from '../../shared/engine/index.js';
import type { ServerMessages } from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { encode, sendCorked, sendEncoded, withAck } from './outbox.js';

/** A whole view carries at most this many of the seat's last chat lines and timeline entries; older ones travel by 'history'. */
export const WHOLE_VIEW_LINES = 200;

/** An acknowledgement waiting to travel with the delta its action caused. */
export interface PendingAck {
  client: Client;
  ack: ServerMessages['ack'];
  /** Set once it went out inside a delta. */
  sent?: boolean;
}

/**
 * Sends each seat its private view: the whole view once, then only what changed ('delta'), and nothing
 * when the seat's view did not change. A client that missed a step (it was not connected when its seat
 * moved on) gets the whole view again instead of a delta. Each seat's delta is computed once, whatever the
 * number of its clients, and encoded once per distinct content (a public chat line is often the same delta
 * for every delegation); the acting client's acknowledgement is spliced into its own delta's bytes.
 */
export class ViewSender {
  /** Per seat: the view last sent, and its revision. */
  private seats = new Map<string, { sent: SentView; rev: number }>();
  /** Per client: the seat and revision of the view it holds. */
  private held = new WeakMap<Client, { seat: string; rev: number }>();

  constructor(private scenario: Scenario) {}

  /**
   * After a change: every seat whose view differs gets the change, on all of its clients that hold a view (sendTo
   * gave them their first one, with their welcome). `ack.sent` tells whether the acknowledgement went out inside a
   * delta; otherwise the caller still owes it.
   */
  push(state: GameState, seats: Map<string, Client[]>, ack?: PendingAck | null): void {
    // Deltas encoded during this push: a seat whose delta has the same content as another's reuses its bytes.
    const encoded: { delta: ViewDelta; bytes: Buffer }[] = [];
    const memo: DeltaMemo = {};
    for (const [seat, clients] of seats) {
      const cur = this.seats.get(seat);
      const next = cur && viewDelta(this.scenario, seat, cur.sent, state, memo);
      if (!cur || !next) {
        const holding = clients.filter((c) => this.held.has(c));
        if (holding.length) this.sendWhole(holding, state, seat, (cur?.rev ?? 0) + 1);
        continue;
      }
      const was = cur.rev;
      const rev = next.delta ? was + 1 : was;
      // Kept in place: the record is this sender's own, and a new one per seat per change was garbage at once.
      cur.sent = next.sent;
      cur.rev = rev;
      let behind: Client[] | null = null;
      let bytes: Buffer | null = null;
      for (const c of clients) {
        const h = this.held.get(c);
        // A client that holds no view yet is still joining: its welcome brings its first view, after the scenario.
        if (!h) continue;
        if (h.seat !== seat || h.rev !== was) (behind ??= []).push(c);
        else if (next.delta) {
          bytes ??= bytesOf(encoded, next.delta);
          if (ack && c === ack.client) {
            sendAcked(c, bytes, next.delta, ack.ack);
            ack.sent = true;
          } else sendEncoded(c, bytes);
          h.rev = rev;
        }
      }
      if (behind) this.sendWhole(behind, state, seat, rev);
    }
  }

  /** One client's whole current view, whatever was sent before (after a join, a reconnection or a 'sync'). */
  sendTo(client: Client, state: GameState, seat: string): void {
    const cur = this.seats.get(seat);
    if (cur && cur.sent.state === state) {
      const { view } = fullView(this.scenario, state, seat, WHOLE_VIEW_LINES);
      sendCorked(client, 'view', view satisfies ServerMessages['view']);
      this.held.set(client, { seat, rev: cur.rev });
      return;
    }
    // The seat's other clients, if any, are now behind and will get the whole view on the next change.
    this.sendWhole([client], state, seat, (cur?.rev ?? 0) + 1);
  }

  private sendWhole(clients: Client[], state: GameState, seat: string, rev: number): void {
    const { sent, view } = fullView(this.scenario, state, seat, WHOLE_VIEW_LINES);
    this.seats.set(seat, { sent, rev });
    const bytes = encode('view', view satisfies ServerMessages['view']);
    for (const c of clients) {
      sendEncoded(c, bytes);
      this.held.set(c, { seat, rev });
    }
  }
}

/**
 * The encoded 'delta' message for `delta`: the bytes of an equal delta encoded earlier in this push, or new ones.
 * Equal is judged conservatively (sameDelta), so no seat ever gets bytes that say more than its own delta.
 */
function bytesOf(encoded: { delta: ViewDelta; bytes: Buffer }[], delta: ViewDelta): Buffer {
  for (const e of encoded) if (sameDelta(e.delta, delta)) return e.bytes;
  const bytes = encode('delta', delta satisfies ServerMessages['delta']);
  encoded.push({ delta, bytes });
  return bytes;
}

/**
 * Whether two deltas say exactly the same: the same keys holding the very same values (a public part of the state is
 * the same object in every seat's view), and the same new chat lines and timeline entries from the same counts.
 * Equal contents held in different objects count as different: such deltas are just encoded twice.
 */
function sameDelta(a: ViewDelta, b: ViewDelta): boolean {
  return (
    sameEntries(a.set, b.set) &&
    sameRecords(a.merge, b.merge) &&
    sameLog(a.chat, b.chat) &&
    sameLog(a.timeline, b.timeline)
  );
}

function sameEntries(a: object | undefined, b: object | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    n++;
    if (ra[k] !== rb[k] || !Object.hasOwn(rb, k)) return false;
  }
  for (const k in rb) if (Object.hasOwn(rb, k)) n--;
  return n === 0;
}

function sameRecords(a: ViewDelta['merge'], b: ViewDelta['merge']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  let n = 0;
  for (const key in a) {
    const k = key as keyof typeof a;
    n++;
    if (!Object.hasOwn(b, k) || !sameEntries(a[k], b[k])) return false;
  }
  for (const k in b) if (Object.hasOwn(b, k)) n--;
  return n === 0;
}

function sameLog(a: { from: number; add: unknown[] } | undefined, b: { from: number; add: unknown[] } | undefined) {
  if (a === b) return true;
  if (!a || !b || a.from !== b.from || a.add.length !== b.add.length) return false;
  return a.add.every((x, i) => x === b.add[i]);
}

/** The delta with the sender's acknowledgement in it: `{ ...delta, ack }`, made from the delta's bytes when it can be. */
function sendAcked(c: Client, bytes: Buffer, delta: ViewDelta, ack: ServerMessages['ack']): void {
  const spliced = withAck('delta', bytes, ack);
  if (spliced) sendEncoded(c, spliced);
  else sendCorked(c, 'delta', { ...delta, ack } satisfies ServerMessages['delta']);
}
