import type { PublicRole } from '../../shared/engine/view.js';
import type { CreateOptions } from '../../shared/protocol.js';

// The table API over plain HTTP (no game state here: that comes through the connection).

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  rounds: { default: number; max: number };
  phaseSeconds: { news: number; talks: number; moves: number; resolution: number };
  roles: PublicRole[];
  issues: number;
}

export interface TableInfo {
  code: string;
  roomId: string;
  scenario: { id: string; title: string; summary: string };
  /** `bot`: a bot plays the delegation now; a person who joins takes it over. */
  roles: (PublicRole & { status: 'free' | 'present' | 'reconnecting' | 'absent'; names: string[]; bot?: boolean })[];
  phase: string;
  round: number;
  rounds: number;
  selfStart: boolean;
  teams: boolean;
  finished: boolean;
}

/** GET /api/server: whether creating needs the instructor passphrase (server/http/instructor.ts). */
export interface ServerInfo {
  passphraseRequired: boolean;
  soloWithoutPassphrase: boolean;
  maxTeamSize: number;
}

export interface CreatedTable {
  code: string;
  facilitatorKey: string;
  roomId: string;
}

export class ApiError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError('client/offline', 'The game server cannot be reached; check the connection and try again.');
  }
  const data = (await res.json().catch(() => null)) as ({ error?: { code: string; message: string } } & T) | null;
  if (!res.ok || !data) throw new ApiError(data?.error?.code ?? 'http/error', data?.error?.message ?? `The server answered ${res.status}.`);
  return data;
}

export const api = {
  scenarios: () => call<ScenarioSummary[]>('/api/scenarios'),
  server: () => call<ServerInfo>('/api/server'),
  /** `passphrase`: the instructor passphrase, when the server asks for one. */
  createTable: (o: CreateOptions & { passphrase?: string }) => call<CreatedTable>('/api/tables', o),
  table: (code: string) => call<TableInfo>(`/api/tables/${encodeURIComponent(code.trim().toUpperCase())}`),
};
