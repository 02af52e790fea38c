import { LocalPresence, matchMaker, RedisDriver, RedisPresence, type Presence } from 'colyseus';
import { ROOM_NAME } from '../shared/protocol.js';
import { parseConfig } from './config.js';

/** What startServer needs to share matchmaking with other processes (Colyseus's Redis presence and driver). */
export interface ScaleOut {
  presence: RedisPresence;
  driver: RedisDriver;
  /** host[:port][/path] where clients reach this process's WebSockets. */
  publicAddress: string;
}

/**
 * Several processes behind one address: REDIS_URL=redis://... (every process the same) with
 * PUBLIC_ADDRESS (different for every process) and DATABASE_URL (PostgreSQL, every process the same).
 * Unset REDIS_URL means one process with its own in-memory matchmaking.
 */
export function scaleOutFromEnv(env: NodeJS.ProcessEnv = process.env): ScaleOut | undefined {
  // parseConfig checks the URLs and that REDIS_URL comes with PUBLIC_ADDRESS and DATABASE_URL.
  const { redisUrl, publicAddress } = parseConfig(env);
  if (!redisUrl || !publicAddress) return undefined;
  return { presence: new RedisPresence(redisUrl), driver: new RedisDriver(redisUrl), publicAddress };
}

const LOCK_SECONDS = 30;
const POLL_MS = 25;
const listed = async (tableId: string) => Boolean(await matchMaker.getRoomById(tableId));

/**
 * Opens a table's room unless some process has it open already. With a shared presence, several
 * processes may ask at once (each restoring unfinished tables on start, or looking up a join code):
 * a lock in the presence lets one of them create the room, in its own process, while the others
 * wait until the room is listed.
 */
export async function ensureTableRoom(tableId: string): Promise<void> {
  if (await listed(tableId)) return;
  const presence: Presence = matchMaker.presence;
  // One process: TableService already makes concurrent opens of a table share one.
  if (presence instanceof LocalPresence) return void (await matchMaker.createRoom(ROOM_NAME, { tableId }));
  const key = `negotiation:opening:${tableId}`;
  const deadline = Date.now() + 2 * LOCK_SECONDS * 1000;
  for (;;) {
    if ((await presence.hincrbyex(key, 'n', 1, LOCK_SECONDS)) === 1) {
      try {
        if (!(await listed(tableId))) await matchMaker.createRoom(ROOM_NAME, { tableId });
      } finally {
        // Presence types del() as void, but RedisPresence returns the Redis call's promise: wait for the lock's release.
        await (presence.del(key) as void | Promise<unknown>);
      }
      return;
    }
    // Another process holds the lock: wait for the room to be listed, or for the lock to go.
    while (await presence.exists(key)) {
      if (await listed(tableId)) return;
      if (Date.now() > deadline) throw new Error(`table ${tableId}: another process did not finish opening it`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (await listed(tableId)) return;
  }
}
