import express, { type NextFunction, type Request, type Response } from 'express';
import { publicScenario } from '../../shared/engine/index.js';
import { createOptionsSchema, describeZodError } from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { TableError, type TableService } from '../tables.js';
import { lanAddresses } from './lan.js';

const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

/** The JSON API: tables and scenarios. */
export function apiRouter(tables: TableService, scenarios: Map<string, Scenario>): express.Router {
  const r = express.Router();
  r.use(express.json({ limit: '16kb' }));

  r.get('/health', (_req, res) => res.json({ ok: true }));
  // The addresses students can reach when the console runs on the server itself (opened on localhost).
  r.get('/info', (_req, res) => res.json({ lanAddresses: lanAddresses() }));

  r.get('/scenarios', (_req, res) => {
    res.json(
      [...scenarios.values()].map((s) => {
        const p = publicScenario(s);
        return { id: p.id, title: p.title, summary: p.summary, rounds: p.rounds, phaseSeconds: p.phaseSeconds, roles: p.roles, issues: p.issues.length };
      }),
    );
  });

  r.post('/tables', async (req, res, next) => {
    try {
      const o = createOptionsSchema.safeParse(req.body ?? {});
      if (!o.success) return fail(res, 400, 'protocol/bad_message', describeZodError(o.error));
      res.status(201).json(await tables.create(o.data));
    } catch (e) {
      next(e);
    }
  });

  r.get('/tables/:code', async (req, res, next) => {
    try {
      const info = await tables.info(req.params.code.slice(0, 16));
      if (!info) return fail(res, 404, 'table/not_found', 'There is no table with that code.');
      res.json(info);
    } catch (e) {
      next(e);
    }
  });

  r.use((_req, res) => fail(res, 404, 'http/not_found', 'No such API route.'));
  r.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof TableError) return fail(res, err.status, err.code, err.message);
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.too.large') return fail(res, 413, 'protocol/too_large', 'The request body is too large.');
    if (e?.type === 'entity.parse.failed') return fail(res, 400, 'protocol/bad_message', 'The request body is not valid JSON.');
    console.error('API error', err);
    fail(res, 500, 'server/error', 'Something went wrong on the server.');
  });
  return r;
}
