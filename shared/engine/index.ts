export { applyAction } from './apply.js';
export { createGame, type GameOptions } from './create.js';
export { currentTurn } from './phases.js';
export { durabilityOf, packagePoints, scoreRole, termsInForce, walkAwayValue } from './scoring.js';
export { channelMembers, channelsFor } from './talk.js';
export { bilateralChannel } from './lookup.js';
export { publicScenario, viewFor, type PrivateInfo, type PublicRole, type PublicScenario, type View } from './view.js';
export { replay, type LoggedAction } from './replay.js';
export * from './types.js';
