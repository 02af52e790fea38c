import { currentTurn, type GameState, type LoggedAction } from '../../shared/engine/index.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import type { TableInfo } from '../rooms/table-info.js';
import type { DashboardTable } from '../../shared/class-protocol.js';

const LIVE = new Set(['news', 'talks', 'moves', 'resolution']);

/** The dashboard row of one table, from its state, its log and its live seats. */
export function dashboardRow(
  s: Scenario,
  t: { number: number; code: string; roomId: string },
  g: GameState,
  log: LoggedAction[],
  info: TableInfo | null,
  students: Record<string, string[]>,
  now: number,
  stuckMs: number,
): DashboardTable {
  const roles = new Set(s.roles.map((r) => r.id));
  let lastMoveAt: number | null = null;
  for (let i = log.length - 1; i >= 0 && lastMoveAt === null; i--) if (roles.has(log[i].seat)) lastMoveAt = log[i].at;
  const start = log.find((e) => e.action.type === 'start' || e.action.type === 'advance')?.at ?? null;
  const since = lastMoveAt ?? start;
  const live = LIVE.has(g.phase) && !g.paused;
  const seats = s.roles.map((r) => {
    const i = info?.roles.find((x) => x.id === r.id);
    return {
      role: r.id,
      name: r.name,
      color: r.color,
      status: i?.status ?? 'free',
      names: i?.names ?? [],
      students: students[r.id] ?? [],
      bot: i?.bot === true,
    };
  });
  return {
    number: t.number,
    code: t.code,
    roomId: t.roomId,
    phase: g.phase,
    round: g.round,
    rounds: g.config.rounds,
    paused: g.paused,
    deadline: g.deadline,
    secondsLeft:
      g.deadline !== null
        ? Math.max(0, Math.round((g.deadline - now) / 1000))
        : g.pausedLeft !== null
          ? Math.round(g.pausedLeft / 1000)
          : null,
    turn: currentTurn(g),
    event: g.event ? (s.events.find((e) => e.id === g.event)?.title ?? g.event) : null,
    settled: Object.keys(g.clauses).length,
    issues: s.issues.length,
    clauses: Object.values(g.clauses)
      .sort((a, b) => a.seq - b.seq)
      .map((c) => {
        const issue = s.issues.find((i) => i.id === c.issue);
        return {
          issue: c.issue,
          title: issue?.title ?? c.issue,
          option: c.option,
          label: issue?.options.find((o) => o.id === c.option)?.label ?? c.option,
          round: c.round,
        };
      }),
    meters: s.meters.map((m) => ({
      id: m.id,
      label: m.label,
      value: g.meters[m.id] ?? m.initial,
      min: m.min,
      max: m.max,
      polarity: m.polarity,
    })),
    signatures: g.signatures,
    outcome: g.outcome?.kind ?? null,
    lastMoveAt,
    seats,
    flags: {
      stuck: live && since !== null && now - since > stuckMs,
      // A seat is absent when its players left or dropped; free seats with students assigned count too.
      absent:
        LIVE.has(g.phase) || g.phase === 'setup'
          ? seats
              .filter((x) => x.status === 'absent' || (x.status === 'free' && x.students.length > 0))
              .map((x) => x.role)
          : [],
      free: seats.filter((x) => x.status === 'free').map((x) => x.role),
    },
  };
}
