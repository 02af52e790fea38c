// The game server under test, in its own process, with real SQLite storage.
// Answers 'stats' over IPC with its CPU time and memory (after a full GC when --expose-gc is on).
import { startServer } from '../server/app.js';
import { openStorage } from '../server/storage/open-storage.js';

const server = await startServer({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1', storage: await openStorage() });

process.on('message', (m: { type: string }) => {
  if (m.type !== 'stats') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  process.send!({ type: 'stats', cpu: process.cpuUsage(), mem: process.memoryUsage(), at: performance.now() });
});
process.on('disconnect', () => {
  void server.stop().finally(() => process.exit(0));
});
process.send!({ type: 'ready', port: server.port });
