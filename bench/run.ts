// `npm run bench`: engine speed, bot games, the simulator, client bundle and load time, server capacity over real WebSockets.
// Prints a table and writes docs/benchmarks.md. Options (env): BENCH_TABLES=50,200,500  BENCH_SECONDS=15  BENCH_QUICK=1  BENCH_NOTE=...
// Measured as production runs: libraries (vite's build, Colyseus, express) pick their production behaviour from NODE_ENV
// when first loaded, so it is set before anything else is imported.
process.env.NODE_ENV = 'production';
await import('./main.js');
export {};
