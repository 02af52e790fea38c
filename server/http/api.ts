import express, { type NextFunction, type Request, type Response } from 'express';
import { publicScenario } from '../../shared/engine/index.js';
import { createOptionsSchema, describeZodError } from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { TABLE_IS_CLASS, type ScenarioSummary } from '../../shared/table-protocol.js';
import type { AccessSettings } from '../access.js';
import { TableError, type TableService } from '../tables.js';
import { asyncRoute, serverError } from './async-route.js';
import { lanAddresses } from './lan.js';
import { instructorOnly, serverInfo } from './instructor.js';
import { fail, type Limiters } from './limits.js';

/**
 * Solo practice: a table outside any class with bots at every delegation but one
 * (what the start page's "Play against bots" creates).
 */
export function isSoloTable(body: unknown, scenarios: Map<string, Scenario>, defaultScenario: string): boolean {
  const o = createOptionsSchema.safeParse(body ?? {});
  if (!o.success || o.data.classId || o.data.facilitatorKey) return false;
  const s = scenarios.get(o.data.scenario ?? defaultScenario);
  const bots = new Set(o.data.bots ?? []);
  return !!s && s.roles.filter((r) => !bots.has(r.id)).length <= 1;
}

/** The JSON API: tables and scenarios. */
export function apiRouter(
  tables: TableService,
  scenarios: Map<string, Scenario>,
  access: AccessSettings,
  limit: Limiters,
  defaultScenario: string,
): express.Router {
  const r = express.Router();
  r.use(express.json({ limit: '16kb' }));

  r.get('/health', (_req, res) => res.json({ ok: true }));
  // The addresses students can reach when the console runs on the server itself (opened on localhost).
  r.get('/info', (_req, res) => res.json({ lanAddresses: lanAddresses() }));
  r.get('/server', (_req, res) => res.json(serverInfo(access)));

  r.get('/scenarios', (_req, res) => {
    res.json(
      [...scenarios.values()].map((s) => {
        const p = publicScenario(s);
        return {
          id: p.id,
          title: p.title,
          summary: p.summary,
          rounds: p.rounds,
          phaseSeconds: p.phaseSeconds,
          roles: p.roles,
          issues: p.issues.length,
        } satisfies ScenarioSummary;
      }),
    );
  });

  const solo = (body: unknown) => isSoloTable(body, scenarios, defaultScenario);
  r.post(
    '/tables',
    limit.keys,
    instructorOnly(access, solo),
    limit.creates,
    asyncRoute(async (req, res) => {
      const o = createOptionsSchema.safeParse(req.body ?? {});
      if (!o.success) return fail(res, 400, 'protocol/bad_message', describeZodError(o.error));
      res.status(201).json(await tables.create(o.data));
    }),
  );

  r.get(
    '/tables/:code',
    limit.lookups,
    asyncRoute(async (req, res) => {
      const code = req.params.code.slice(0, 16);
      const info = await tables.info(code);
      // A class code is a found code (not a miss for the lookup limit): say only that it is one.
      if (!info && (await tables.isClassCode(code)))
        return fail(res, 404, TABLE_IS_CLASS, 'That is a class code: join your class on the class page.');
      if (!info) return fail(res, 404, 'table/not_found', 'There is no table with that code.');
      res.json(info);
    }),
  );

  r.use((_req, res) => fail(res, 404, 'http/not_found', 'No such API route.'));
  const lastResort = serverError('API error');
  r.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (err instanceof TableError) return fail(res, err.status, err.code, err.message);
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.too.large') return fail(res, 413, 'protocol/too_large', 'The request body is too large.');
    if (e?.type === 'entity.parse.failed')
      return fail(res, 400, 'protocol/bad_message', 'The request body is not valid JSON.');
    lastResort(err, req, res, next);
  });
  return r;
}
