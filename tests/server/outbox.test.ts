import { unpack } from '@colyseus/msgpackr';
import { describe, expect, it } from 'vitest';
import { encode, withAck } from '../../server/rooms/outbox.js';

// Decoded as the browser's colyseus.js decodes a message: msgpack after the head (ROOM_DATA and the type).
const HEAD = encode('delta', [null]).length - 2;
const body = (b: Buffer) => unpack(b.subarray(HEAD));

describe('outbox', () => {
  const delta = {
    set: { phase: 'talks', ready: ['russia'] },
    chat: { from: 3, add: [{ id: 'm4', text: 'Ceasefire first, then the lines.' }] },
  };

  it('writes the acknowledgement into an encoded delta: the same head, and the body of { ...delta, ack }', () => {
    const bytes = encode('delta', delta);
    for (const ack of [
      { ref: 'r1', seq: 42 },
      { seq: 0 },
      { ref: '', seq: 127 },
      { ref: 'x'.repeat(31), seq: 128 },
      { ref: 'é'.repeat(20), seq: 255 },
      { ref: 'y'.repeat(64), seq: 65_535 },
      { ref: 'z'.repeat(300), seq: 65_536 },
      { ref: 'ref', seq: 0xffffffff },
    ]) {
      const acked = withAck('delta', bytes, ack)!;
      expect(acked.subarray(0, HEAD).equals(bytes.subarray(0, HEAD))).toBe(true);
      expect(body(acked), JSON.stringify(ack)).toEqual({ ...delta, ack });
    }
    // An empty delta: the acknowledgement alone.
    expect(body(withAck('delta', encode('delta', {}), { ref: 'r2', seq: 7 })!)).toEqual({ ack: { ref: 'r2', seq: 7 } });
  });

  it('refuses what it cannot write (the caller then encodes the merged object)', () => {
    expect(withAck('delta', encode('delta', [1, 2]), { seq: 1 })).toBeNull();
    expect(withAck('delta', encode('delta', delta), { seq: -1 })).toBeNull();
    expect(withAck('delta', encode('delta', delta), { seq: 1.5 })).toBeNull();
    expect(withAck('delta', encode('delta', delta), { seq: 2 ** 32 })).toBeNull();
  });
});
