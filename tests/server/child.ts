import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { until } from './helpers.js';

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface MainProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  readonly output: string;
  /** Exit code once it has exited, else null. */
  readonly exitCode: number | null;
  stop(): Promise<void>;
}

/**
 * Runs the real server (`tsx server/main.ts`, as `npm start` does without the client build) with
 * these environment variables on a free port, in `cwd`. Resolves once it says it is listening, or once it has exited.
 */
export async function runMain(env: Record<string, string>, cwd: string): Promise<MainProcess> {
  const port = env.PORT ?? String(await freePort());
  const tsx = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, resolve('server/main.ts')], {
    cwd,
    env: { ...process.env, PORT: port, ...env, NODE_ENV: 'production', TSX_TSCONFIG_PATH: resolve('tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  try {
    await until(() => /server on/i.test(out) || child.exitCode !== null, 'the server to start or exit', 20_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}; it wrote:\n${out}`, { cause: e });
  }
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    get output() {
      return out;
    },
    get exitCode() {
      return child.exitCode;
    },
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
