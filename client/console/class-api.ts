import type { ClassDebrief, TableDebrief } from '../../shared/analysis/debrief.js';
import type { ClassSeat, ClassSummary, DashboardTable } from '../../shared/class-protocol.js';
import { requestJson, requestText } from '../net/http.js';

export type { ClassSummary, DashboardTable };

// The class API over HTTP. Facilitator calls carry the key in the Authorization header.

export interface CreatedClass {
  classId: string;
  classCode: string;
  facilitatorKey: string;
  tables: string[];
  consoleUrl: string;
}

/** Refusals carry the server's status, code and message (status 0: the server cannot be reached). */
export { ApiError as ClassApiError } from '../net/http.js';

const send = <T>(method: 'GET' | 'POST', path: string, body?: unknown, key?: string) =>
  requestJson<T>(path, { method, body, key });
const text = (path: string, key: string) => requestText(path, { key });

const enc = encodeURIComponent;

export const classApi = {
  create: (o: Record<string, unknown>) => send<CreatedClass>('POST', '/api/classes', o),
  join: (code: string, name: string, playerId: string) =>
    send<ClassSeat>('POST', `/api/classes/${enc(code.trim())}/join`, { name, playerId }),
  seat: (code: string, playerId: string) =>
    send<ClassSeat & { ended: boolean }>('GET', `/api/classes/${enc(code)}/seats/${enc(playerId)}`),
  summary: (id: string, key: string) => send<ClassSummary>('GET', `/api/classes/${enc(id)}`, undefined, key),
  dashboard: (id: string, key: string) =>
    send<{ now: number; tables: DashboardTable[] }>('GET', `/api/classes/${enc(id)}/dashboard`, undefined, key),
  addTable: (id: string, key: string) =>
    send<{ number: number; code: string; roomId: string }>('POST', `/api/classes/${enc(id)}/tables`, {}, key),
  move: (id: string, key: string, playerId: string, table: number, role: string) =>
    send<{ moved: ClassSeat[] }>('POST', `/api/classes/${enc(id)}/move`, { playerId, table, role }, key),
  debrief: (id: string, key: string) =>
    send<ClassDebrief & { classCode: string }>('GET', `/api/classes/${enc(id)}/debrief`, undefined, key),
  tableDebrief: (code: string, key?: string) =>
    send<TableDebrief>('GET', `/api/tables/${enc(code)}/debrief`, undefined, key),
  exportFile: (id: string, key: string, file: string) => text(`/api/classes/${enc(id)}/export/${file}`, key),
  tableExport: (code: string, key: string, file: string) => text(`/api/tables/${enc(code)}/export/${file}`, key),
};
