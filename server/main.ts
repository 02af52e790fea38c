import { startServer } from './app.js';
import { openStorage } from './storage/open-storage.js';

// `npm start`: the web client, the API and the game server on PORT (default 2567).
// Storage: SQLite in DATA_FILE (default ./data/negotiation.sqlite), or PostgreSQL with DATABASE_URL.
const server = await startServer({ storage: await openStorage(), handleSignals: true });
console.log(`Negotiation table server on ${server.url} (${server.restored} unfinished table(s) restored)`);
