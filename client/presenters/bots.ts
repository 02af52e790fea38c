import type { PublicScenario } from '../../shared/engine/view.js';
import type { BotNote, CreateOptions } from '../../shared/protocol.js';
import type { PublicTable } from '../net/connection.js';

export interface BotControl {
  role: string;
  name: string;
  /** A bot plays the delegation now. */
  bot: boolean;
  /** What pressing the button asks for: true seats a bot, false takes it out. */
  next: boolean;
  label: string;
  enabled: boolean;
  /** Why the button is disabled (tooltip), '' when it is not. */
  reason: string;
}

/** One bot switch per delegation for the facilitator: a bot may take any seat no person is at. */
export function botControls(s: PublicScenario, table: PublicTable | null, phase: string): BotControl[] {
  return s.roles.map((r) => {
    const seat = table?.seats[r.id];
    const bot = seat?.bot === true;
    const person = seat?.status === 'present';
    const reason =
      phase === 'ended' ? 'The talks are over.' : !bot && person ? `${r.name} has a player at the table.` : '';
    return {
      role: r.id,
      name: r.name,
      bot,
      next: !bot,
      label: bot ? `${r.short}: take the bot out` : `${r.short}: seat a bot`,
      enabled: reason === '',
      reason,
    };
  });
}

/** Solo practice: the player takes one delegation, bots hold every other, and the table starts itself. */
export function soloTable(
  scenario: { id: string; roles: { id: string }[] },
  role: string,
  rounds?: number,
): CreateOptions {
  if (!scenario.roles.some((r) => r.id === role)) throw new Error(`There is no delegation "${role}" in this scenario.`);
  return {
    scenario: scenario.id,
    rounds,
    selfStart: true,
    bots: scenario.roles.map((r) => r.id).filter((r) => r !== role),
  };
}

/** The facilitator's line for a bot's move: who, what and why (public reason, then the private figures). */
export function botNoteLine(s: PublicScenario | null, n: BotNote): { summary: string; reasoning: string } {
  const name = s?.roles.find((r) => r.id === n.seat)?.name ?? n.seat;
  return { summary: `Round ${n.round}, ${name} (bot) ${n.action}: ${n.reason}`, reasoning: n.reasoning };
}
