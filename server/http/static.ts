import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const MISSING = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Negotiation table: client not built</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.5">
<h1>The game server is running, but the browser client is not built</h1>
<p>Run <code>npm run build</code> (or start with <code>npm start</code>, which builds first), then reload this page.</p>
<p>The API is up: <a href="/api/scenarios">/api/scenarios</a>.</p></body></html>`;

/** Serves the built client from dist/, or a page explaining how to build it. */
export function clientFiles(distDir: string): express.RequestHandler {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return (_req, res) => res.status(503).type('html').send(MISSING);
  const files = express.static(distDir, {
    index: 'index.html',
    setHeaders: (res, path) =>
      res.setHeader('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=3600'),
  });
  return (req, res, next) =>
    files(req, res, () => {
      // Client-side routes fall back to the app's page; unknown files with an extension are 404s.
      if (req.method !== 'GET' || /\.[a-z0-9]+$/i.test(req.path)) return next();
      res.sendFile(index);
    });
}
