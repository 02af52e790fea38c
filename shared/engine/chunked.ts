// An append-only list kept as an array of chunks, every chunk full but the last. Appending to an
// immutable state copies only the outer array and the last chunk, never the whole list. Plain JSON.

export type Chunked<T> = T[][];

/** Entries per chunk. */
export const CHUNK = 32;

/** A new list with one more entry; shares every full chunk with the old one. */
export function appended<T>(list: Chunked<T>, item: T): Chunked<T> {
  const tail = list[list.length - 1];
  if (!tail || tail.length === CHUNK) return [...list, [item]];
  // Spread, not slice: V8 copies frozen arrays much faster this way.
  const out = [...list];
  out[out.length - 1] = [...tail, item];
  return out;
}

export function size<T>(list: Chunked<T>): number {
  return list.length === 0 ? 0 : (list.length - 1) * CHUNK + list[list.length - 1].length;
}

/** The entries from index `from` on, as a flat array. */
export function entries<T>(list: Chunked<T>, from = 0): T[] {
  const out: T[] = [];
  for (let c = Math.max(0, Math.floor(from / CHUNK)); c < list.length; c++) {
    const chunk = list[c];
    for (let i = c * CHUNK < from ? from - c * CHUNK : 0; i < chunk.length; i++) out.push(chunk[i]);
  }
  return out;
}

/** Counts the entries that pass a test; full chunks never change, so their counts are kept in `memo`. */
export function countWhere<T>(list: Chunked<T>, test: (x: T) => boolean, memo: WeakMap<T[], number>): number {
  let n = 0;
  for (const chunk of list) {
    let k = memo.get(chunk);
    if (k === undefined) {
      k = 0;
      for (const x of chunk) if (test(x)) k++;
      if (chunk.length === CHUNK) memo.set(chunk, k);
    }
    n += k;
  }
  return n;
}
