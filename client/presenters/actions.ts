import type { View } from '../../shared/engine/view.js';

export interface ActionsModel {
  isRole: boolean;
  isFacilitator: boolean;
  /** "Ready" ends a phase early once every delegation is ready. */
  canReady: boolean;
  isReady: boolean;
  readyLabel: string;
  /** Formal moves: only in the moves phase, in this seat's turn. */
  myTurn: boolean;
  canStart: boolean;
  canPause: boolean;
  canResume: boolean;
  canAdvance: boolean;
  canEnd: boolean;
}

/** What this seat can do now, for enabling buttons (the server still decides). */
export function actionsModel(v: View, selfStart: boolean): ActionsModel {
  const isRole = !!v.me;
  const isFacilitator = v.seat === 'facilitator';
  const live = v.phase !== 'setup' && v.phase !== 'ended';
  const readyPhase = v.phase === 'news' || v.phase === 'talks' || v.phase === 'resolution' || (v.phase === 'setup' && selfStart);
  const isReady = v.ready.includes(v.seat);
  const next: Record<string, string> = { setup: 'Ready to start', news: 'Ready for the talks', talks: 'Ready for the moves', resolution: 'Ready for the next round' };
  return {
    isRole,
    isFacilitator,
    canReady: isRole && readyPhase && !isReady && !v.paused,
    isReady,
    readyLabel: next[v.phase] ?? 'Ready',
    myTurn: isRole && v.phase === 'moves' && v.turn === v.seat && !v.moved.includes(v.seat) && !v.paused,
    canStart: isFacilitator && v.phase === 'setup',
    canPause: isFacilitator && live && !v.paused,
    canResume: isFacilitator && live && v.paused,
    canAdvance: isFacilitator && v.phase !== 'ended' && !v.paused,
    canEnd: isFacilitator && v.phase !== 'ended',
  };
}
