export { applyAction } from './apply.js';
export { createGame, type GameOptions } from './create.js';
export { currentTurn } from './phases.js';
export { durabilityOf, packageInForce, packagePoints, scoreRole, termsInForce, walkAwayValue } from './scoring.js';
export { channelMembers, channelsFor } from './talk.js';
export { bilateralChannel } from './lookup.js';
export { entries, type Chunked } from './chunked.js';
export { applyViewDelta, fullView, viewDelta, type SentView, type ViewDelta } from './view-delta.js';
export { publicScenario, viewFor, type PrivateInfo, type PublicRole, type PublicScenario, type View } from './view.js';
export { replay, type LoggedAction } from './replay.js';
export * from './types.js';
export {
  canSignNow, claimsWin, frameworkComplete, packageDurability, refusedPair, sequencingRisk, SIGN_PHASES, summitOpen, tell,
  type RulesScenario, type SequencingRisk,
} from './mechanics.js';
