import type { GameOptions, LoggedAction } from '../engine/index.js';
import type { TableDebrief } from './debrief.js';

// Files an instructor downloads: the full event log (JSON) and scores and settlements (CSV).
// Pure: the caller supplies every value, including the export time.

export interface LogTable {
  code: string;
  scenarioId: string;
  options: GameOptions;
  createdAt: number;
  finishedAt: number | null;
  /** role -> names of the players who held it. */
  players: Record<string, string[]>;
  actions: LoggedAction[];
}

export const EVENT_LOG_FORMAT = 'negotiation-table/event-log';

/** The full event log; replay(scenario, table.options, table.actions) rebuilds every table from it. */
export function eventLogJson(meta: { classCode: string | null; exportedAt: number }, tables: LogTable[]): string {
  const doc = {
    format: EVENT_LOG_FORMAT,
    version: 1,
    classCode: meta.classCode,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    tables: tables.map((t) => ({
      code: t.code,
      scenarioId: t.scenarioId,
      options: t.options,
      createdAt: new Date(t.createdAt).toISOString(),
      finishedAt: t.finishedAt === null ? null : new Date(t.finishedAt).toISOString(),
      players: t.players,
      actions: t.actions,
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** One row per table and delegation. Documented in docs/classroom.md. */
export const SCORE_COLUMNS = [
  'class_code',
  'table_code',
  'scenario_id',
  'outcome',
  'end_round',
  'rounds',
  'durability',
  'war_resumed',
  'sequencing_broken',
  'role_id',
  'role_name',
  'players',
  'deal_points',
  'walk_away',
  'war_cost',
  'score',
  'no_deal_score',
  'gain',
  'table_on_frontier',
  'table_value_left',
] as const;

/** One row per table and issue. Documented in docs/classroom.md. */
export const SETTLEMENT_COLUMNS = [
  'class_code',
  'table_code',
  'scenario_id',
  'outcome',
  'issue_id',
  'issue_title',
  'option_id',
  'option_label',
  'how',
  'round',
  'seq',
] as const;

type Cell = string | number | boolean | null;

/** One CSV field (RFC 4180); text that a spreadsheet would run as a formula is prefixed with '. */
export function csvField(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map((c) => csvField(c)).join(',')).join('\r\n') + '\r\n';
}

export function scoresCsv(classCode: string | null, tables: TableDebrief[]): string {
  const rows: Cell[][] = [];
  for (const t of tables)
    for (const r of t.roles)
      rows.push([
        classCode,
        t.code,
        t.scenarioId,
        t.outcome,
        t.round,
        t.rounds,
        t.durability,
        t.warResumed,
        t.sequencing.broken,
        r.role,
        r.name,
        r.players.join('; '),
        r.dealPoints,
        r.walkAway,
        r.warCost,
        r.score,
        r.noDealScore,
        r.gain,
        t.pareto ? t.pareto.onFrontier : null,
        t.pareto ? t.pareto.valueLeft : null,
      ]);
  return toCsv(SCORE_COLUMNS, rows);
}

export function settlementsCsv(classCode: string | null, tables: TableDebrief[]): string {
  const rows: Cell[][] = [];
  for (const t of tables)
    for (const c of t.clauses)
      rows.push([
        classCode,
        t.code,
        t.scenarioId,
        t.outcome,
        c.issue,
        c.title,
        c.option,
        c.optionLabel,
        c.how,
        c.round,
        c.seq,
      ]);
  return toCsv(SETTLEMENT_COLUMNS, rows);
}
