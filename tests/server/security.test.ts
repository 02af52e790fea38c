import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import express from 'express';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../../scripts/chromium.js';
import { contentSecurityPolicy, securityHeaders } from '../../server/security.js';

// @types/ws here is v7; the installed ws 8 exports WebSocketServer.
type Wss = new (o: { server: Server; path: string }) => {
  on(e: 'connection', f: (s: { send(d: string): void }) => void): void;
};
const WebSocketServer = (ws as unknown as { WebSocketServer: Wss }).WebSocketServer;

if (!hasChromium && process.env.CI) throw new Error(`CI is set but Chromium is missing (${CHROMIUM_PATH}).`);

let server: Server;
let port: number;

const page = `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script>window.inlineRan = true;</script>
<script src="/phaser.js"></script>
<script src="/app.js"></script>
</body></html>`;

// Boots a Phaser game that draws a generated texture, loads a data: image and opens a WebSocket to its own host.
const app = `
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.socket = new Promise((ok) => {
  const ws = new WebSocket('ws://' + location.host + '/ws');
  ws.onmessage = (m) => ok(String(m.data));
  ws.onerror = () => ok('error');
});
class Probe extends Phaser.Scene {
  preload() { this.load.image('dot', 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='); }
  create() {
    const g = this.add.graphics(); g.fillStyle(0xff0000); g.fillRect(0, 0, 8, 8); g.generateTexture('box', 8, 8);
    this.add.image(10, 10, 'box'); this.add.image(20, 20, 'dot');
    this.add.text(30, 30, 'hello');
    window.phaserReady = { renderer: this.game.config.renderType, textures: this.textures.exists('dot') && this.textures.exists('box') };
  }
}
new Phaser.Game({ type: Phaser.AUTO, width: 64, height: 64, scene: Probe, banner: false });
`;

beforeAll(async () => {
  const web = express();
  web.use(securityHeaders());
  web.get('/', (_req, res) => res.type('html').send(page));
  web.get('/app.js', (_req, res) => res.type('js').send(app));
  web.get('/phaser.js', (_req, res) => res.sendFile(resolve('node_modules/phaser/dist/phaser.min.js')));
  server = web.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => ws.send('hello over ws'));
});
afterAll(() => new Promise((r) => server.close(r)));

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('security headers', () => {
  it('sends a strict policy and the usual hardening headers on every response', async () => {
    // (Express's own 404 page replaces the policy with an even stricter "default-src 'none'".)
    for (const path of ['/', '/app.js']) {
      const r = await get(path);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port} wss://127.0.0.1:${port};`);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['x-powered-by']).toBeUndefined();
      expect(r.headers['strict-transport-security']).toBeUndefined(); // plain http here
    }
  });

  it('never echoes a hostile Host header into the policy', async () => {
    const r = await get('/', { Host: "evil.example; script-src * 'unsafe-inline'" });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).not.toContain('evil');
    expect(csp).toContain("connect-src 'self';");
    expect(contentSecurityPolicy('[::1]:2567')).toContain('ws://[::1]:2567');
  });
});

describe.skipIf(!hasChromium)('the policy in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('Phaser 4 boots, loads data: images and opens a same-host WebSocket; inline script is blocked', async () => {
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`http://127.0.0.1:${port}/`);
    await p.waitForFunction(() => (window as unknown as { phaserReady?: unknown }).phaserReady, null, {
      timeout: 15_000,
    });
    const r = await p.evaluate(async () => {
      const w = window as unknown as {
        phaserReady: unknown;
        inlineRan?: boolean;
        socket: Promise<string>;
        violations: string[];
      };
      return { ready: w.phaserReady, inline: w.inlineRan ?? false, socket: await w.socket, violations: w.violations };
    });
    expect(errors).toEqual([]);
    expect(r.ready).toMatchObject({ textures: true });
    expect(r.socket).toBe('hello over ws');
    expect(r.inline).toBe(false); // the inline <script> was refused: the policy is in force
    expect(r.violations).toEqual([]); // nothing Phaser or the socket needed was refused
    await p.close();
  });
});
