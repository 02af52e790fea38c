import { describe, expect, it } from 'vitest';
import { append, at, CHUNK, countWhere, entries, last, size, type Chunked } from '../../../shared/engine/chunked.js';

function listOf(n: number): Chunked<number> {
  const list: Chunked<number> = [];
  for (let i = 0; i < n; i++) append(list, i);
  return list;
}

describe('chunked lists', () => {
  it('keep every chunk full but the last, and read back in order', () => {
    for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5]) {
      const list = listOf(n);
      expect(size(list)).toBe(n);
      expect(list.slice(0, -1).every((c) => c.length === CHUNK)).toBe(true);
      expect(entries(list)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(last(list)).toBe(n ? n - 1 : undefined);
      expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    }
  });

  it('read entries from any index, and single entries from either end', () => {
    const list = listOf(2 * CHUNK + 7);
    for (const from of [0, 1, CHUNK - 1, CHUNK, CHUNK + 3, 2 * CHUNK + 6, 2 * CHUNK + 7, 500])
      expect(entries(list, from)).toEqual(entries(list).slice(from));
    expect(at(list, CHUNK)).toBe(CHUNK);
    expect(at(list, -1)).toBe(2 * CHUNK + 6);
    expect(at(list, 2 * CHUNK + 7)).toBeUndefined();
    expect(at(list, -(2 * CHUNK + 8))).toBeUndefined();
  });

  it('an append leaves the full chunks of the list it came from shared and untouched', () => {
    const list = listOf(CHUNK + 2);
    const copy: Chunked<number> = [...list.slice(0, -1), [...list[list.length - 1]]];
    append(copy, 99);
    expect(copy[0]).toBe(list[0]);
    expect(size(list)).toBe(CHUNK + 2);
    expect(size(copy)).toBe(CHUNK + 3);
  });

  it('counts matching entries, remembering only full chunks', () => {
    const memo = new WeakMap<number[], number>();
    const even = (x: number) => x % 2 === 0;
    const list = listOf(CHUNK + 3);
    expect(countWhere(list, even, memo)).toBe(entries(list).filter(even).length);
    expect(memo.has(list[0])).toBe(true);
    expect(memo.has(list[1])).toBe(false);
    append(list, 1000);
    expect(countWhere(list, even, memo)).toBe(entries(list).filter(even).length);
  });
});
