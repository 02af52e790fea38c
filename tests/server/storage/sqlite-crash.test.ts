import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SqliteStorage } from '../../../server/storage/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'negotiation-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('every append acknowledged before a SIGKILL is in the file afterwards, in order, with no gaps', async () => {
  const file = join(dir, 'crash.sqlite');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve('tests/server/storage/append-child.ts'), file, 'crash-table'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const acked = new Map<number, string>();
  let buf = '';
  await new Promise<void>((done, fail) => {
    child.on('exit', (code) => fail(new Error(`child exited early (${code}): ${err}`)));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        const [seq, text] = l.split(':');
        acked.set(Number(seq), text);
      }
      if (acked.size >= 3000) {
        child.removeAllListeners('exit');
        child.kill('SIGKILL');
        child.on('exit', () => done());
      }
    });
  });
  const s = new SqliteStorage(file);
  const log = await s.actions('crash-table');
  await s.close();
  expect(log.length).toBeGreaterThanOrEqual(acked.size);
  log.forEach((e, i) => expect((e.action as { text: string }).text).toBe(`m${i + 1}`));
  for (const [seq, text] of acked) expect((log[seq - 1].action as { text: string }).text).toBe(text);
}, 60_000);
