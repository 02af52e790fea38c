import { loadScenarios } from './server/scenarios.js';
import { talkConsistency, formatConsistency } from './shared/analysis/talk-consistency.js';
const all = loadScenarios('shared/scenarios');
for (const id of ['ukraine_peace_talks', 'harbour_dispute']) for (const keepWord of [true, false]) console.log(id, 'keepWord', keepWord, formatConsistency(talkConsistency(all.get(id)!, { games: 40, seed: 7, keepWord })));
