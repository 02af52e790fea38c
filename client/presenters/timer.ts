import type { View } from '../../shared/engine/view.js';
import { PHASE_LABELS, roleName } from './labels.js';
import type { PublicScenario } from '../../shared/engine/view.js';

export interface ClockModel {
  round: string;
  phase: string;
  /** "1:05", "paused", "untimed" or "" */
  timer: string;
  urgent: boolean;
  turn: string;
  myTurn: boolean;
}

/** A duration in seconds as "m:ss" ("1:05"); negative counts as 0, fractions are rounded. The client's one time format. */
export function mmss(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Milliseconds left as "m:ss", rounded up (a timer shows 0:01 until the last second is over). */
export function formatSeconds(ms: number): string {
  return mmss(Math.ceil(ms / 1000));
}

/** Round, phase, timer and whose turn, for the header and the table scene. */
export function clockModel(s: PublicScenario, v: View, serverNow: number): ClockModel {
  const live = v.phase !== 'setup' && v.phase !== 'ended';
  let timer = '';
  let urgent = false;
  if (v.paused) timer = v.pausedLeft !== null ? `paused (${formatSeconds(v.pausedLeft)} left)` : 'paused';
  else if (live && v.deadline !== null) {
    const left = v.deadline - serverNow;
    timer = formatSeconds(left);
    urgent = left < 10_000;
  } else if (live) timer = 'no time limit';
  const myTurn = !!v.turn && v.turn === v.seat;
  return {
    round:
      v.phase === 'setup'
        ? `${v.rounds} round${v.rounds === 1 ? '' : 's'}`
        : `Round ${Math.max(1, v.round)} of ${v.rounds}`,
    phase: PHASE_LABELS[v.phase],
    timer,
    urgent,
    turn: v.turn ? (myTurn ? 'Your turn' : `Turn: ${roleName(s, v.turn)}`) : '', // not "United States's turn"
    myTurn,
  };
}
