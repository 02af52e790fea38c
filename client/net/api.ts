import type { CreateOptions } from '../../shared/protocol.js';
import type { CreatedTable, ScenarioSummary, TableInfo } from '../../shared/table-protocol.js';
import { requestJson } from './http.js';

export type { CreatedTable, ScenarioSummary, TableInfo };
export { ApiError } from './http.js';

// The table API over plain HTTP (no game state here: that comes through the connection).

/** GET /api/server: whether creating needs the instructor passphrase (server/http/instructor.ts). */
export interface ServerInfo {
  passphraseRequired: boolean;
  soloWithoutPassphrase: boolean;
  maxTeamSize: number;
}

export const api = {
  scenarios: () => requestJson<ScenarioSummary[]>('/api/scenarios'),
  server: () => requestJson<ServerInfo>('/api/server'),
  /** `passphrase`: the instructor passphrase, when the server asks for one. */
  createTable: (o: CreateOptions & { passphrase?: string }) => requestJson<CreatedTable>('/api/tables', { body: o }),
  table: (code: string) => requestJson<TableInfo>(`/api/tables/${encodeURIComponent(code.trim().toUpperCase())}`),
};
