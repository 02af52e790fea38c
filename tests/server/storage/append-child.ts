// Child process for sqlite-crash.test.ts: appends to a table forever, printing each acknowledged seq.
import { SqliteStorage } from '../../../server/storage/sqlite.js';

const [file, tableId] = process.argv.slice(2);
const s = new SqliteStorage(file);
await s.createTable({
  id: tableId,
  code: 'CRASH1',
  scenarioId: 'x',
  options: { seed: 1 },
  facilitatorKeyHash: null,
  classId: null,
  settings: {},
  createdAt: 1,
  finishedAt: null,
});
let i = 0;
for (;;) {
  // A few appends per event-loop turn, like several clients acting at once.
  const burst = Array.from({ length: 1 + (i % 7) }, () => {
    const n = ++i;
    return s
      .appendAction(tableId, { seat: 'usa', at: n, action: { type: 'chat', channel: 'public', text: `m${n}` } })
      .then((seq) => {
        process.stdout.write(`${seq}:m${n}\n`);
      });
  });
  await Promise.all(burst);
}
