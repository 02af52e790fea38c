import type { PublicScenario, View } from '../shared/engine/view.js';
import type { ConnectionStatus, PublicTable, Welcome } from './net/connection.js';

export interface AppState {
  welcome: Welcome | null;
  scenario: PublicScenario | null;
  view: View | null;
  previous: View | null;
  table: PublicTable | null;
  status: ConnectionStatus;
  selfStart: boolean;
}

type Fn = (s: AppState) => void;

/** The client's one copy of what the server told it; panels subscribe and redraw. */
export class Store {
  state: AppState = {
    welcome: null,
    scenario: null,
    view: null,
    previous: null,
    table: null,
    status: 'idle',
    selfStart: false,
  };
  private fns = new Set<Fn>();
  private queued = false;

  set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    // One redraw per frame, however many messages arrived.
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      for (const fn of [...this.fns]) fn(this.state);
    });
  }

  subscribe(fn: Fn): () => void {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
}
