import { describe, expect, it } from 'vitest';
import { appended, CHUNK, countWhere, entries, size, type Chunked } from '../../../shared/engine/chunked.js';

function listOf(n: number): Chunked<number> {
  let list: Chunked<number> = [];
  for (let i = 0; i < n; i++) list = appended(list, i);
  return list;
}

describe('chunked lists', () => {
  it('keep every chunk full but the last, and read back in order', () => {
    for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5]) {
      const list = listOf(n);
      expect(size(list)).toBe(n);
      expect(list.slice(0, -1).every((c) => c.length === CHUNK)).toBe(true);
      expect(entries(list)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    }
  });

  it('read entries from any index', () => {
    const list = listOf(2 * CHUNK + 7);
    for (const from of [0, 1, CHUNK - 1, CHUNK, CHUNK + 3, 2 * CHUNK + 6, 2 * CHUNK + 7, 500])
      expect(entries(list, from)).toEqual(entries(list).slice(from));
  });

  it('an append shares the full chunks and leaves the list it came from untouched', () => {
    const list = Object.freeze(listOf(CHUNK + 2).map((c) => Object.freeze(c)));
    const next = appended(list as Chunked<number>, 99);
    expect(next[0]).toBe(list[0]);
    expect(size(list as Chunked<number>)).toBe(CHUNK + 2);
    expect(entries(next).at(-1)).toBe(99);
    const full = listOf(2 * CHUNK);
    expect(appended(full, 1).slice(0, 2)).toEqual(full);
    expect(appended(full, 1)[0]).toBe(full[0]);
  });

  it('counts matching entries, remembering only full chunks', () => {
    const memo = new WeakMap<number[], number>();
    const even = (x: number) => x % 2 === 0;
    let list = listOf(CHUNK + 3);
    expect(countWhere(list, even, memo)).toBe(entries(list).filter(even).length);
    expect(memo.has(list[0])).toBe(true);
    expect(memo.has(list[1])).toBe(false);
    list = appended(list, 1000);
    expect(countWhere(list, even, memo)).toBe(entries(list).filter(even).length);
  });
});
