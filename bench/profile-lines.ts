// `npx tsx bench/profile-lines.ts <file.cpuprofile> [lines]`: the hottest source lines of the server in a CPU profile
// taken with BENCH_PROFILE=dir BENCH_PROFILE_LINES=1 (bench/server-load.ts runs the server bundled, so each sample
// names a line of .bench-build/server-child.mjs). Prints each line's share of the busy (non-idle) samples, the
// function it is in, and its text. Lines of node_modules and of Node itself are left out: they are not ours to change.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  positionTicks?: { line: number; ticks: number }[];
}

const [file, top = '40'] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profile-lines.ts <file.cpuprofile> [lines]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
const samples = new Map<number, number>();
for (const id of profile.samples) samples.set(id, (samples.get(id) ?? 0) + 1);

let busy = 0;
const hot = new Map<string, { ticks: number; fn: string; url: string; line: number }>();
for (const n of profile.nodes) {
  if (n.callFrame.functionName !== '(idle)') busy += samples.get(n.id) ?? 0;
  if (!n.callFrame.url.endsWith('.bench-build/server-child.mjs')) continue;
  for (const t of n.positionTicks ?? []) {
    const key = `${n.callFrame.url}:${t.line}`;
    const h = hot.get(key) ?? {
      ticks: 0,
      fn: n.callFrame.functionName || '(anonymous)',
      url: n.callFrame.url,
      line: t.line,
    };
    h.ticks += t.ticks;
    hot.set(key, h);
  }
}
if (!hot.size) {
  console.error('No line of .bench-build/server-child.mjs in this profile: take it with BENCH_PROFILE_LINES=1.');
  process.exit(1);
}
const sources = new Map<string, string[]>();
const text = (url: string, line: number) => {
  if (!sources.has(url)) sources.set(url, readFileSync(fileURLToPath(url), 'utf8').split('\n'));
  return sources.get(url)![line - 1]?.trim().slice(0, 100) ?? '';
};
for (const h of [...hot.values()].sort((a, b) => b.ticks - a.ticks).slice(0, Number(top)))
  console.log(
    `${((100 * h.ticks) / busy).toFixed(2).padStart(6)}%  ${h.fn.slice(0, 20).padEnd(20)}  ${text(h.url, h.line)}`,
  );
