import type { CreateOptions } from '../../shared/protocol.js';
import type { CreatedTable, ScenarioSummary, TableInfo } from '../../shared/table-protocol.js';
import { requestJson } from './http.js';

export type { CreatedTable, ScenarioSummary, TableInfo };
export { ApiError } from './http.js';

// The table API over plain HTTP (no game state here: that comes through the connection).

export const api = {
  scenarios: () => requestJson<ScenarioSummary[]>('/api/scenarios'),
  createTable: (o: CreateOptions) => requestJson<CreatedTable>('/api/tables', { body: o }),
  table: (code: string) => requestJson<TableInfo>(`/api/tables/${encodeURIComponent(code.trim().toUpperCase())}`),
};
