export { applyAction } from './apply.js';
export { createGame, type GameOptions } from './create.js';
export { currentTurn } from './phases.js';
export { waitsOn } from './absence.js';
export { durabilityOf, packageInForce, packagePoints, scoreRole, termsInForce, walkAwayValue } from './scoring.js';
export { channelMembers, channelsFor } from './talk.js';
export { bilateralChannel, isRefused } from './lookup.js';
export {
  ACTION_RULES,
  READY_PHASES,
  WITHDRAW_PHASES,
  awaitsAnswer,
  counterRecipients,
  crossesRedLine,
  gateRefusal,
  isAction,
  isFormal,
  isMyTurn,
  readyInPhase,
  parseRedLineKey,
  redLineKey,
  spentLevers,
  tableOf,
  type Mine,
  type Rules,
  type Table,
} from './predicates.js';
export { actionRefusal, allowed, mayAccept, readyNow, refusal } from './permits.js';
export { entries, type Chunked } from './chunked.js';
export {
  applyViewDelta,
  fullView,
  historyPage,
  viewDelta,
  type DeltaMemo,
  type HistoryPage,
  type SentView,
  type ViewDelta,
} from './view-delta.js';
export { publicScenario, viewFor, type PrivateInfo, type PublicRole, type PublicScenario, type View } from './view.js';
export { replay, type LoggedAction } from './replay.js';
export * from './types.js';
export {
  claimsWin,
  frameworkComplete,
  mandateRefusal,
  monthlyWarCost,
  packageDurability,
  refusedPair,
  sequencingRisk,
  SIGN_PHASES,
  summitOpen,
  tell,
  type RulesScenario,
  type SequencingRisk,
} from './mechanics.js';
export { checkTalk, TALK_KINDS, type TalkAct, type TalkVerdict } from './talk-act.js';
