import type { JoinOptions } from '../../shared/protocol.js';
import type { SeatRecord, TableRecord } from '../storage/storage.js';
import type { TableSettings } from './room-context.js';

/**
 * The seat record of a player the facilitator removed is "kicked:<the seat they had>": the player may
 * watch, not sit, until the facilitator seats them again; a class keeps its placement (kickedFrom).
 */
export const KICKED = 'kicked:';

/** The seat a removed player had, or null when the record is not a removal. */
export function kickedFrom(seat: string): string | null {
  return seat.startsWith(KICKED) ? seat.slice(KICKED.length) : null;
}

export type Admission =
  { ok: true; role: JoinOptions['role'] } | { ok: false; code: 'seat/not_placed' | 'seat/kicked'; message: string };

/**
 * Who may ask for which seat, from the stored seat record of the joining playerId (facilitators are
 * checked by key before this). A removed player may only watch. At a class table a student sits only
 * where the class placed them (or watches, their own table always, others only if the table allows
 * observers); a student with no placement here is refused. `isRole` tells delegations from other seats.
 */
export function admit(
  table: TableRecord,
  settings: Pick<TableSettings, 'observers'>,
  o: JoinOptions,
  record: SeatRecord | undefined,
  isRole: (s: string) => boolean,
): Admission {
  const watching = o.role === 'observer';
  if (record && kickedFrom(record.seat) !== null) {
    if (watching || o.role === undefined) return { ok: true, role: 'observer' };
    return {
      ok: false,
      code: 'seat/kicked',
      message: 'The facilitator removed you from this table; ask them to seat you again.',
    };
  }
  if (!table.classId) return { ok: true, role: o.role };
  const placed = record && isRole(record.seat) ? record.seat : null;
  if (placed && (o.role === undefined || o.role === placed)) return { ok: true, role: placed };
  if (watching && (placed || settings.observers)) return { ok: true, role: 'observer' };
  if (placed)
    return {
      ok: false,
      code: 'seat/not_placed',
      message: 'Your class placed you at another delegation of this table; join from the class page.',
    };
  if (o.role === undefined && settings.observers) return { ok: true, role: 'observer' };
  return {
    ok: false,
    code: 'seat/not_placed',
    message: 'Your class did not place you at this table; join with the class code.',
  };
}
