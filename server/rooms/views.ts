import type { Client } from 'colyseus';
import { fullView, viewDelta, type GameState, type SentView } from '../../shared/engine/index.js';
import type { ServerMessages } from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { encode, sendCorked, sendEncoded } from './outbox.js';

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
 * moved on) gets the whole view again instead of a delta. Each seat's delta is computed and encoded once,
 * whatever the number of its clients; the acting client's acknowledgement rides in its own delta.
 */
export class ViewSender {
  /** Per seat: the view last sent, and its revision. */
  private seats = new Map<string, { sent: SentView; rev: number }>();
  /** Per client: the seat and revision of the view it holds. */
  private held = new WeakMap<Client, { seat: string; rev: number }>();

  constructor(private scenario: Scenario) {}

  /**
   * After a change: every seat whose view differs gets the change, on all of its clients.
   * `ack.sent` tells whether the acknowledgement went out inside a delta; otherwise the caller still owes it.
   */
  push(state: GameState, seats: Map<string, Client[]>, ack?: PendingAck | null): void {
    for (const [seat, clients] of seats) {
      const cur = this.seats.get(seat);
      const next = cur && viewDelta(this.scenario, seat, cur.sent, state);
      if (!cur || !next) {
        this.sendWhole(clients, state, seat, (cur?.rev ?? 0) + 1);
        continue;
      }
      const rev = next.delta ? cur.rev + 1 : cur.rev;
      this.seats.set(seat, { sent: next.sent, rev });
      let behind: Client[] | null = null;
      let bytes: Buffer | null = null;
      for (const c of clients) {
        if (!this.holds(c, seat, cur.rev)) (behind ??= []).push(c);
        else if (next.delta) {
          if (ack && c === ack.client) {
            sendCorked(c, 'delta', { ...next.delta, ack: ack.ack } satisfies ServerMessages['delta']);
            ack.sent = true;
          } else sendEncoded(c, (bytes ??= encode('delta', next.delta satisfies ServerMessages['delta'])));
          this.held.set(c, { seat, rev });
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

  private holds(c: Client, seat: string, rev: number): boolean {
    const h = this.held.get(c);
    return !!h && h.seat === seat && h.rev === rev;
  }
}
