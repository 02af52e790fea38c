// `npm run bench`: engine speed, bot games, server capacity over real WebSockets, client bundle size.
// Prints a table and writes docs/benchmarks.md. Options (env): BENCH_TABLES=50,200,500  BENCH_SECONDS=15  BENCH_QUICK=1
// Measured as production runs: immer (and other libraries) pick their production builds from NODE_ENV
// when first loaded, so it is set before anything else is imported.
process.env.NODE_ENV = 'production';
await import('./main.js');
export {};
