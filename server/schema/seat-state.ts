import { ArraySchema, Schema, type } from '@colyseus/schema';

import type { SeatStatus } from '../../shared/table-protocol.js';

export type { SeatStatus };

/** One delegation's chair at the table, as everyone sees it. */
export class SeatState extends Schema {
  @type('string') role = '';
  /** free: nobody; present: at least one client connected; reconnecting: dropped, within the grace period; absent: gone. */
  @type('string') status: SeatStatus = 'free';
  /** Display names of the clients holding the seat (a team may share one). */
  @type(['string']) names = new ArraySchema<string>();
  /** A bot plays this delegation now (status still describes the people); a person joining takes over. */
  @type('boolean') bot = false;
}
