import type { Client } from '@colyseus/core';
import { viewFor, type GameState, type View } from '../../shared/engine/index.js';
import type { Scenario } from '../../shared/scenario/schema.js';

/** Sends each seat its private view, and only when that view has changed since it was last sent. */
export class ViewSender {
  private last = new Map<string, string>();

  constructor(private scenario: Scenario) {}

  private build(state: GameState, seat: string): { view: View; json: string } {
    const view = viewFor(this.scenario, state, seat);
    return { view, json: JSON.stringify(view) };
  }

  /** After a change: every seat whose view differs gets it, on all of its clients. */
  push(state: GameState, seats: Map<string, Client[]>): void {
    for (const [seat, clients] of seats) {
      const { view, json } = this.build(state, seat);
      if (this.last.get(seat) === json) continue;
      this.last.set(seat, json);
      for (const c of clients) c.send('view', view);
    }
  }

  /** One client's current view, whatever was sent before (after a join, a reconnection or a 'sync'). */
  sendTo(client: Client, state: GameState, seat: string): void {
    const { view, json } = this.build(state, seat);
    this.last.set(seat, json);
    client.send('view', view);
  }
}
