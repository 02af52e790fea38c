import express, { type NextFunction, type Request, type Response } from 'express';
import { eventLogJson, scoresCsv, settlementsCsv } from '../../shared/analysis/exports.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import type { Storage, TableRecord } from '../storage/storage.js';
import type { TableService } from '../tables.js';
import { createClassSchema } from '../../shared/class-protocol.js';
import { ClassError, ClassService } from './class-service.js';
import type { AccessSettings } from '../access.js';
import { instructorOnly } from '../http/instructor.js';
import { fail, type Limiters } from '../http/limits.js';
import { asyncRoute, serverError } from '../http/async-route.js';

export interface ClassRouteDeps {
  storage: Storage;
  tables: TableService;
  scenarios: Map<string, Scenario>;
  defaultScenario: string;
  access: AccessSettings;
  limit: Limiters;
}

/** The facilitator key, from "Authorization: Bearer <key>" (never from the URL, which ends up in logs). */
export function bearerKey(req: Request): string | undefined {
  const h = req.get('authorization');
  const m = h ? /^Bearer\s+(\S{1,128})$/i.exec(h) : null;
  return m?.[1];
}

function download(res: Response, name: string, type: string, body: string): void {
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.type(type).send(body);
}

/** Classes and debriefs; server/app.ts mounts them at /api, before the table API. */
export function classRoutes(deps: ClassRouteDeps): express.Router {
  const svc = new ClassService(deps.storage, deps.tables, deps.scenarios, deps.defaultScenario, deps.access);
  const { limit } = deps;
  const r = express.Router();
  r.use(express.json({ limit: '16kb' }));

  r.post(
    '/classes',
    limit.keys,
    instructorOnly(deps.access),
    limit.creates,
    asyncRoute(async (req, res) => {
      const o = createClassSchema.safeParse(req.body ?? {});
      if (!o.success)
        return fail(
          res,
          400,
          'protocol/bad_message',
          `${o.error.issues[0]?.path.join('.') || 'body'}: ${o.error.issues[0]?.message}`,
        );
      const c = await svc.create(o.data);
      res.status(201).json({ ...c, consoleUrl: `/console.html#class=${c.classId}&key=${c.facilitatorKey}` });
    }),
  );

  // Students: the class code is all they need.
  r.post(
    '/classes/:code/join',
    limit.lookups,
    limit.joins,
    asyncRoute(async (req, res) => res.json(await svc.join(req.params.code, req.body))),
  );
  r.get(
    '/classes/:code/seats/:playerId',
    limit.lookups,
    asyncRoute(async (req, res) => res.json(await svc.seat(req.params.code, req.params.playerId))),
  );

  // The facilitator: everything below needs the class key.
  r.use('/classes/:id', limit.keys);
  r.use('/tables/:code/debrief', limit.lookups, limit.keys);
  r.use('/tables/:code/export', limit.lookups, limit.keys);
  const cls = (req: Request) => svc.authorise(req.params.id, bearerKey(req));
  r.get(
    '/classes/:id',
    asyncRoute(async (req, res) => res.json(svc.summary(await cls(req)))),
  );
  r.get(
    '/classes/:id/dashboard',
    asyncRoute(async (req, res) => res.json(await svc.dashboard(await cls(req)))),
  );
  r.post(
    '/classes/:id/tables',
    limit.creates,
    asyncRoute(async (req, res) => res.status(201).json(await svc.addTable(await cls(req)))),
  );
  r.post(
    '/classes/:id/move',
    asyncRoute(async (req, res) => res.json(await svc.move(await cls(req), req.body))),
  );
  r.get(
    '/classes/:id/debrief',
    asyncRoute(async (req, res) => {
      const c = await cls(req);
      res.json({ classCode: c.record.code, ...(await svc.classDebrief(c)) });
    }),
  );
  r.get(
    '/classes/:id/export/:file',
    asyncRoute(async (req, res) => {
      const c = await cls(req);
      await sendExport(res, req.params.file, c.record.code, c.tables, c.scenario, `class-${c.record.code}`);
    }),
  );

  // Tables: the public debrief after the end; the full one and the exports with the key.
  r.get(
    '/tables/:code/debrief',
    asyncRoute(async (req, res) => res.json(await svc.tableDebrief(req.params.code, bearerKey(req)))),
  );
  r.get(
    '/tables/:code/export/:file',
    asyncRoute(async (req, res) => {
      const t = await svc.authoriseTable(req.params.code, bearerKey(req));
      await sendExport(res, req.params.file, t.classCode, [t.table], t.scenario, `table-${t.table.code}`);
    }),
  );

  async function sendExport(
    res: Response,
    file: string,
    classCode: string | null,
    tables: TableRecord[],
    scenario: Scenario,
    stem: string,
  ) {
    if (!['events.json', 'scores.csv', 'settlements.csv'].includes(file))
      return fail(res, 404, 'export/unknown', 'Exports are events.json, scores.csv and settlements.csv.');
    const data = await svc.exportData(tables, scenario);
    if (file === 'events.json')
      return download(
        res,
        `${stem}-events.json`,
        'application/json',
        eventLogJson(
          { classCode, exportedAt: Date.now() },
          data.map((d) => d.log),
        ),
      );
    const rows = data.map((d) => d.debrief);
    if (file === 'scores.csv') return download(res, `${stem}-scores.csv`, 'text/csv', scoresCsv(classCode, rows));
    download(res, `${stem}-settlements.csv`, 'text/csv', settlementsCsv(classCode, rows));
  }

  const lastResort = serverError('class API error');
  r.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (err instanceof ClassError) return fail(res, err.status, err.code, err.message);
    const e = err as { type?: string; status?: number; code?: string; message?: string };
    if (e?.type === 'entity.parse.failed')
      return fail(res, 400, 'protocol/bad_message', 'The request body is not valid JSON.');
    if (e?.type === 'entity.too.large') return fail(res, 413, 'protocol/too_large', 'The request body is too large.');
    // Errors from table creation keep their own status and code.
    if (typeof e?.status === 'number' && typeof e?.code === 'string')
      return fail(res, e.status, e.code, e.message ?? 'Request refused.');
    lastResort(err, req, res, next);
  });
  return r;
}
