import type { View } from '../../shared/engine/view.js';
import type { PublicScenario } from '../../shared/engine/view.js';
import type { PublicTable } from '../net/connection.js';

export interface SeatModel {
  id: string;
  name: string;
  short: string;
  color: string;
  presence: 'free' | 'present' | 'reconnecting' | 'absent';
  names: string[];
  /** A bot plays the delegation now. */
  bot: boolean;
  ready: boolean;
  turn: boolean;
  moved: boolean;
  signed: boolean;
  me: boolean;
  /** One line for the seat card and for screen readers. */
  status: string;
}

const PRESENCE: Record<SeatModel['presence'], string> = {
  free: 'empty seat',
  present: 'present',
  reconnecting: 'reconnecting',
  absent: 'absent',
};

/** The delegations around the table, in the scenario's order. */
export function seatModels(s: PublicScenario, view: View | null, table: PublicTable | null): SeatModel[] {
  return s.roles.map((r) => {
    const pub = table?.seats[r.id];
    const presence = pub?.status ?? 'free';
    const ready = !!view?.ready.includes(r.id);
    const turn = view?.turn === r.id;
    const moved = !!view?.moved.includes(r.id) && view.phase === 'moves';
    const signed = !!view?.signatures.includes(r.id);
    const bot = !!pub?.bot;
    const bits = [bot ? 'played by a bot' : PRESENCE[presence]];
    if (turn) bits.push('their turn');
    else if (moved) bits.push('has moved');
    if (ready) bits.push('ready');
    if (signed) bits.push('signed');
    return {
      id: r.id,
      name: r.name,
      short: r.short,
      color: r.color,
      presence,
      names: pub?.names ?? [],
      bot,
      ready,
      turn,
      moved,
      signed,
      me: view?.seat === r.id,
      status: bits.join(', '),
    };
  });
}
