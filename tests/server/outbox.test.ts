import { describe, expect, it } from 'vitest';
import { encode, withEntries } from '../../server/rooms/outbox.js';

describe('outbox', () => {
  it('splices the entries of a second message into the first: the same bytes as encoding both together', () => {
    const delta = {
      set: { phase: 'talks', ready: ['russia'] },
      chat: { from: 3, add: [{ id: 'm4', text: 'Ceasefire first, then the lines.' }] },
    };
    const ack = { ref: 'r1', seq: 42 };
    const spliced = withEntries('delta', encode('delta', delta), encode('delta', { ack }));
    expect(spliced).not.toBeNull();
    expect(spliced!.equals(encode('delta', { ...delta, ack }))).toBe(true);
    // An empty delta takes the entries as they are.
    expect(withEntries('delta', encode('delta', {}), encode('delta', { ack }))!.equals(encode('delta', { ack }))).toBe(
      true,
    );
  });

  it('refuses bodies that are not maps', () => {
    expect(withEntries('delta', encode('delta', [1, 2]), encode('delta', { ack: 1 }))).toBeNull();
    expect(withEntries('delta', encode('delta', { a: 1 }), encode('delta', 'ack'))).toBeNull();
  });
});
