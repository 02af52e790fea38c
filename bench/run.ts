// `npm run bench`: engine speed, bot games, the simulator, client bundle and load time, server capacity over real WebSockets.
// Prints a table and writes docs/benchmarks.md. Options (env): BENCH_TABLES=50,200,500  BENCH_SECONDS=15  BENCH_QUICK=1  BENCH_NOTE=...
// `npm run bench -- --compare [--json]`: the project's room against a bare Colyseus room with the same storage (bench/compare.ts).
// Measured as production runs: libraries (vite's build, Colyseus, express) pick their production behaviour from NODE_ENV
// when first loaded, so it is set before anything else is imported.
process.env.NODE_ENV = 'production';
if (process.argv.includes('--compare')) {
  const { compare, compareTable } = await import('./compare.js');
  const r = await compare();
  console.log(
    process.argv.includes('--json') ? JSON.stringify(r, (k, v) => (k === 'runs' ? undefined : v)) : compareTable(r),
  );
} else await import('./main.js');
export {};
