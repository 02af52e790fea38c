import { allowed, isMyTurn, readyInPhase, refusal, type Action } from '../../shared/engine/index.js';
import type { PublicScenario, View } from '../../shared/engine/view.js';

export interface ActionsModel {
  isRole: boolean;
  isFacilitator: boolean;
  /** Whether this phase has a "ready" step for this seat at all (setup only at self-start tables). */
  showReady: boolean;
  /** "Ready" ends a phase early once every delegation is ready. */
  canReady: boolean;
  isReady: boolean;
  readyLabel: string;
  /** Formal moves: only in the moves phase, in this seat's turn. */
  myTurn: boolean;
  canSign: boolean;
  /** Why this seat cannot sign now, in the engine's words ('' when it can). */
  signRefusal: string;
  canStart: boolean;
  canPause: boolean;
  canResume: boolean;
  canAdvance: boolean;
  canEnd: boolean;
}

const NEXT: Record<string, string> = {
  setup: 'Ready to start',
  news: 'Ready for the talks',
  talks: 'Ready for the moves',
  resolution: 'Ready for the next round',
};

/** What this seat can do now, for enabling buttons: the engine's own predicates on this seat's view (the server still decides). */
export function actionsModel(s: PublicScenario, v: View): ActionsModel {
  const isRole = !!v.me;
  const may = (type: Action['type']) => allowed(v, s, { type } as Action);
  const isReady = v.ready.includes(v.seat);
  return {
    isRole,
    isFacilitator: v.seat === 'facilitator',
    showReady: isRole && readyInPhase(v),
    canReady: !isReady && may('ready'),
    isReady,
    readyLabel: NEXT[v.phase] ?? 'Ready',
    myTurn: isMyTurn(v, s, v.seat),
    canSign: may('sign'),
    signRefusal: refusal(v, s, { type: 'sign' })?.message ?? '',
    canStart: may('start'),
    canPause: may('pause'),
    canResume: may('resume'),
    canAdvance: may('advance'),
    canEnd: may('end'),
  };
}
