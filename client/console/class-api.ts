import type { ClassDebrief, TableDebrief } from '../../shared/analysis/debrief.js';
import type { ClassSeat, ClassSummary, DashboardTable } from '../../shared/class-protocol.js';

export type { ClassSummary, DashboardTable };

// The class API over HTTP. Facilitator calls carry the key in the Authorization header.

export interface CreatedClass {
  classId: string;
  classCode: string;
  facilitatorKey: string;
  tables: string[];
  consoleUrl: string;
}

export class ClassApiError extends Error {
  constructor(public status: number, public code: string, message: string) {
    super(message);
  }
}

async function send<T>(method: string, path: string, body?: unknown, key?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key) headers.authorization = `Bearer ${key}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ClassApiError(0, 'client/offline', 'The server cannot be reached; check the connection.');
  }
  const data = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !data) throw new ClassApiError(res.status, data?.error?.code ?? 'http/error', data?.error?.message ?? `The server answered ${res.status}.`);
  return data;
}

async function text(path: string, key: string): Promise<string> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) throw new ClassApiError(res.status, 'http/error', `The export failed (${res.status}).`);
  return res.text();
}

const enc = encodeURIComponent;

export const classApi = {
  create: (o: Record<string, unknown>) => send<CreatedClass>('POST', '/api/classes', o),
  join: (code: string, name: string, playerId: string) => send<ClassSeat>('POST', `/api/classes/${enc(code.trim())}/join`, { name, playerId }),
  seat: (code: string, playerId: string) => send<ClassSeat & { ended: boolean }>('GET', `/api/classes/${enc(code)}/seats/${enc(playerId)}`),
  summary: (id: string, key: string) => send<ClassSummary>('GET', `/api/classes/${enc(id)}`, undefined, key),
  dashboard: (id: string, key: string) => send<{ now: number; tables: DashboardTable[] }>('GET', `/api/classes/${enc(id)}/dashboard`, undefined, key),
  addTable: (id: string, key: string) => send<{ number: number; code: string; roomId: string }>('POST', `/api/classes/${enc(id)}/tables`, {}, key),
  move: (id: string, key: string, playerId: string, table: number, role: string) => send<{ moved: ClassSeat[] }>('POST', `/api/classes/${enc(id)}/move`, { playerId, table, role }, key),
  debrief: (id: string, key: string) => send<ClassDebrief & { classCode: string }>('GET', `/api/classes/${enc(id)}/debrief`, undefined, key),
  tableDebrief: (code: string, key?: string) => send<TableDebrief>('GET', `/api/tables/${enc(code)}/debrief`, undefined, key),
  exportFile: (id: string, key: string, file: string) => text(`/api/classes/${enc(id)}/export/${file}`, key),
  tableExport: (code: string, key: string, file: string) => text(`/api/tables/${enc(code)}/export/${file}`, key),
};
