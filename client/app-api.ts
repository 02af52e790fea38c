import type { Connection } from './net/connection.js';
import type { Store } from './store.js';

export type Screen = 'start' | 'briefing' | 'table' | 'end';

/** What panels may ask of the app shell. */
export interface AppApi {
  store: Store;
  conn: Connection;
  /** Joins a table and remembers the seat for reloads; throws with a readable message. */
  enterTable(o: {
    code: string;
    roomId: string;
    role: string;
    name: string;
    facilitatorKey?: string;
    selfStart: boolean;
  }): Promise<void>;
  show(screen: Screen): void;
  leave(): Promise<void>;
  /** Opens the Rules dialog (the short rules). */
  openRules(): void;
  /** Says something to screen-reader users (polite live region). */
  announce(text: string): void;
}
