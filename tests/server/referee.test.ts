import { describe, expect, it } from 'vitest';
import { Referee, type Committed } from '../../server/rooms/referee.js';
import { MemoryStorage } from '../../server/storage/memory.js';
import { applyAction, createGame, entries, type GameState, type LoggedAction } from '../../shared/engine/index.js';
import { miniScenario } from '../fixtures/mini-scenario.js';

const s = miniScenario();
const roles = s.roles.map((r) => r.id);

/** The real in-memory storage with some appends made to fail (by their number): a failed one, then, as every adapter
 * guarantees, the table's later appends of the same turn. */
class FailingStorage extends MemoryStorage {
  appends = 0;

  constructor(private failing: number[]) {
    super();
  }

  override async appendAction(tableId: string, entry: LoggedAction): Promise<number> {
    if (this.failing.includes(++this.appends)) throw new Error('disk full');
    return super.appendAction(tableId, entry);
  }
}

/** A table in its talks, where anyone may chat. */
async function table(storage: MemoryStorage) {
  let g: GameState = createGame(s, { seed: 1, selfStart: true });
  for (const r of roles) {
    const x = applyAction(g, { type: 'ready' }, { scenario: s, seat: r, now: 1 });
    if (x.ok) g = x.state;
  }
  await storage.createTable({
    id: 't1',
    code: 'ABCD',
    scenarioId: s.id,
    options: { seed: 1 } as never,
    facilitatorKeyHash: null,
    classId: null,
    settings: {},
    createdAt: 0,
    finishedAt: null,
  });
  const published: number[] = [];
  const referee = new Referee(storage, 't1', s, g, 0, (_before, _now, seq) => void published.push(seq));
  return { referee, published };
}

const chat = (text: string) => ({ type: 'chat' as const, channel: 'public' as const, text });
const lines = (g: GameState) => entries(g.chat).map((m) => m.text);

describe('referee', () => {
  it('actions queued together are checked in order, stored in one turn and published one by one, in order', async () => {
    const storage = new MemoryStorage();
    const { referee, published } = await table(storage);
    const results = await Promise.all(['one', 'two', 'three'].map((t, i) => referee.commit(roles[i], chat(t))));
    expect(results).toEqual([1, 2, 3].map((seq) => ({ status: 'done', seq })));
    expect(published).toEqual([1, 2, 3]);
    expect(lines(referee.game)).toEqual(['one', 'two', 'three']);
    expect((await storage.actions('t1')).map((a) => (a.action as { text: string }).text)).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('an action that could not be stored is refused, and so is every later one checked against it; the state is what was stored', async () => {
    const storage = new FailingStorage([2, 3]);
    const { referee, published } = await table(storage);
    const results: Committed[] = await Promise.all(
      ['one', 'two', 'three'].map((t, i) => referee.commit(roles[i], chat(t))),
    );
    expect(results.map((r) => r.status)).toEqual(['done', 'refused', 'refused']);
    expect(results[1]).toMatchObject({ error: { code: 'server/storage' } });
    expect(published).toEqual([1]);
    expect(lines(referee.game)).toEqual(['one']);
    // The next action follows on from what is stored.
    expect(await referee.commit(roles[0], chat('four'))).toEqual({ status: 'done', seq: 2 });
    expect(lines(referee.game)).toEqual(['one', 'four']);
    expect((await storage.actions('t1')).length).toBe(2);
  });

  it('idle() waits for every action queued so far', async () => {
    const { referee, published } = await table(new MemoryStorage());
    void referee.commit(roles[0], chat('a'));
    void referee.commit(roles[1], chat('b'));
    await referee.idle();
    expect(published).toEqual([1, 2]);
  });
});
