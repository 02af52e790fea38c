import { matchMaker } from 'colyseus';
import { ConfigError, parseConfig } from './config.js';
import { log } from './log.js';
import { startServer } from './app.js';
import { scaleOutFromEnv } from './scale-out.js';
import { openStorage } from './storage/open-storage.js';

// `npm start`: the web client, the API and the game server on PORT (default 2567).
// Every setting is an environment variable read through server/config.ts (README, "Settings"):
// storage in DATA_FILE or DATABASE_URL, RETENTION_DAYS, several processes with REDIS_URL (docs/storage.md).
try {
  parseConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  // A plain message on stderr, for a person reading the terminal, and a non-zero exit.
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
const scaleOut = scaleOutFromEnv();
const server = await startServer({ storage: await openStorage(), scaleOut, handleSignals: true });
const shared = scaleOut ? `, process ${matchMaker.processId}, rooms reached at ${scaleOut.publicAddress}` : '';
log.info(
  { url: server.url, restored: server.restored },
  `Negotiation table server on ${server.url} (${server.restored} unfinished table(s) restored${shared})`,
);
