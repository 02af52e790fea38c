// `npm run bench -- --compare [--json]`: the project's room against the bare Colyseus room of bench/baseline-server.ts,
// with the same storage, the same load generator (bench/load-child.ts) and the same window. Runs are interleaved and
// rotated (project, baseline, then baseline, project, ...) so both meet the same machine; each figure is the median over
// the runs, each ratio the median of the per-pair ratios (project ÷ baseline).
// Options (env): BENCH_COMPARE=flat:200,flat:500,pace:500 (also gapN:tables, every client at most once per N ms)  BENCH_SECONDS=8  BENCH_PAIRS=2  SQLITE_SYNC / DATABASE_URL as for the server.
import { cpus, loadavg } from 'node:os';
import { loadScenarios } from '../server/scenarios.js';
import { fmt } from './report.js';
import { benchServer, COMPARE_ROUNDS, type LoadShape, type ServerFigures } from './server-load.js';

const FIGURES = ['acksPerSec', 'p50', 'p99', 'cpuUsPerAck', 'bytesInPerAck', 'framesInPerAck'] as const;
type Figure = (typeof FIGURES)[number];

export interface CompareCase {
  label: string;
  tables: number;
  project: Record<Figure | 'serverCpu' | 'loadCpu', number>;
  baseline: Record<Figure | 'serverCpu' | 'loadCpu', number>;
  /** project ÷ baseline, median of the per-pair ratios. */
  ratio: Record<Figure, number>;
  runs: { server: 'project' | 'baseline'; f: ServerFigures }[];
}

export interface CompareResult {
  machine: string;
  storage: string;
  seconds: number;
  pairs: number;
  loadAvgAtStart: number[];
  loadAvgAtEnd: number[];
  cases: CompareCase[];
}

const median = (xs: number[]) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pick = (fs: ServerFigures[]) =>
  Object.fromEntries(
    [...FIGURES, 'serverCpu', 'loadCpu'].map((k) => [k, median(fs.map((f) => f[k as keyof ServerFigures] as number))]),
  ) as CompareCase['project'];

/** Runs the comparison; progress goes to stderr so that --json leaves stdout to the one JSON object. */
export async function compare(): Promise<CompareResult> {
  const scenarios = loadScenarios();
  const scenario = scenarios.get('ukraine_peace_talks') ?? [...scenarios.values()][0];
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const pairs = Number(process.env.BENCH_PAIRS ?? 2);
  const cases = (process.env.BENCH_COMPARE ?? 'flat:200,flat:500,pace:500').split(',').map((c) => {
    const [kind, n] = c.split(':');
    // gapN: every client acts at most once per N ms, for both servers: the same offered load, below saturation.
    const gap = /^gap(\d+)$/.exec(kind)?.[1];
    if (gap) return { kind: `paced ${gap} ms`, tables: Number(n), gapMs: Number(gap) };
    return kind === 'pace'
      ? { kind: 'class pace', tables: Number(n), gapMs: 3000 }
      : { kind: 'flat out', tables: Number(n), gapMs: 100 };
  });
  const shape = (gapMs: number, baseline: boolean): LoadShape => ({
    scenario: scenario.id,
    rounds: COMPARE_ROUNDS,
    chatsPerTalks: 3,
    minGapMs: gapMs,
    baseline,
  });
  const result: CompareResult = {
    machine: `${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}`,
    storage: process.env.DATABASE_URL
      ? 'PostgreSQL'
      : `SQLite, synchronous=${process.env.SQLITE_SYNC ?? 'full'}, group commit`,
    seconds,
    pairs,
    loadAvgAtStart: loadavg(),
    loadAvgAtEnd: [],
    cases: [],
  };
  for (const c of cases) {
    const runs: CompareCase['runs'] = [];
    const ratios: Record<Figure, number[]> = Object.fromEntries(FIGURES.map((k) => [k, []])) as never;
    for (let i = 0; i < pairs; i++) {
      const order: ('project' | 'baseline')[] = i % 2 ? ['baseline', 'project'] : ['project', 'baseline'];
      const pair: Partial<Record<'project' | 'baseline', ServerFigures>> = {};
      for (const server of order) {
        const f = await benchServer(c.tables, seconds, shape(c.gapMs, server === 'baseline'), {});
        pair[server] = f;
        runs.push({ server, f });
        console.error(`${c.kind} ${c.tables} tables, ${server}: ${line(f)}`);
      }
      for (const k of FIGURES) ratios[k].push(pair.project![k] / pair.baseline![k]);
    }
    const project = pick(runs.filter((r) => r.server === 'project').map((r) => r.f));
    const baseline = pick(runs.filter((r) => r.server === 'baseline').map((r) => r.f));
    const ratio = Object.fromEntries(FIGURES.map((k) => [k, median(ratios[k])])) as CompareCase['ratio'];
    result.cases.push({ label: c.kind, tables: c.tables, project, baseline, ratio, runs });
  }
  result.loadAvgAtEnd = loadavg();
  return result;
}

function line(f: ServerFigures): string {
  return `${fmt(f.acksPerSec)} acks/s, p50 ${fmt(f.p50, 1)} ms, p99 ${fmt(f.p99, 1)} ms, CPU ${fmt(f.serverCpu)}% (${fmt(f.cpuUsPerAck)} us/ack), in ${fmt(f.bytesInPerAck)} B / ${fmt(f.framesInPerAck, 1)} frames per ack, ${f.games} games ended, load avg ${f.loadAvg.map((x) => fmt(x, 2)).join(' -> ')}`;
}

/** The comparison as a Markdown table (also what the console shows without --json). */
export function compareTable(r: CompareResult): string {
  const rows = r.cases.map((c) => {
    const cell = (k: Figure, d: number) =>
      `${fmt(c.project[k], d)} / ${fmt(c.baseline[k], d)} = **${fmt(c.ratio[k], 2)}**`;
    return `| ${c.label} | ${c.tables} | ${cell('acksPerSec', 0)} | ${cell('p50', 1)} | ${cell('p99', 1)} | ${cell('cpuUsPerAck', 0)} | ${cell('bytesInPerAck', 0)} | ${cell('framesInPerAck', 1)} | ${fmt(c.project.serverCpu)} / ${fmt(c.baseline.serverCpu)} |`;
  });
  return [
    `${r.machine}; storage: ${r.storage}; ${r.pairs} interleaved pair(s) of ${r.seconds} s windows per case; load average (1/5/15 min) ${r.loadAvgAtStart.map((x) => fmt(x, 2)).join(' ')} at the start, ${r.loadAvgAtEnd.map((x) => fmt(x, 2)).join(' ')} at the end.`,
    '',
    'Each cell: project / bare room = **ratio** (median of the per-pair ratios).',
    '',
    '| load | tables | acks/s | p50 ms | p99 ms | server CPU per ack, us | bytes in per ack | frames in per ack | server CPU % |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
