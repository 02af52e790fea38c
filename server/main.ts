import { matchMaker } from '@colyseus/core';
import { startServer } from './app.js';
import { scaleOutFromEnv } from './scale-out.js';
import { openStorage } from './storage/open-storage.js';

// `npm start`: the web client, the API and the game server on PORT (default 2567).
// Storage: SQLite in DATA_FILE (default ./data/negotiation.sqlite), or PostgreSQL with DATABASE_URL.
// Several processes behind one address: REDIS_URL, PUBLIC_ADDRESS and DATABASE_URL (docs/storage.md).
const scaleOut = scaleOutFromEnv();
const server = await startServer({ storage: await openStorage(), scaleOut, handleSignals: true });
const shared = scaleOut ? `, process ${matchMaker.processId}, rooms reached at ${scaleOut.publicAddress}` : '';
console.log(`Negotiation table server on ${server.url} (${server.restored} unfinished table(s) restored${shared})`);
