import { unpack } from '@colyseus/msgpackr';
import { getMessageBytes, Protocol } from 'colyseus';
import { describe, expect, it } from 'vitest';
import { encode, packed, withAck, withPacked } from '../../server/rooms/outbox.js';

// Decoded as the browser's colyseus.js decodes a message: msgpack after the head (ROOM_DATA and the type).
const HEAD = encode('delta', [null]).length - 2;
const body = (b: Buffer) => unpack(b.subarray(HEAD));

describe('outbox', () => {
  const delta = {
    set: { phase: 'talks', ready: ['russia'] },
    chat: { from: 3, add: [{ id: 'm4', text: 'Ceasefire first, then the lines.' }] },
  };

  it("encodes a message into exactly the bytes of Colyseus's own send, whatever came before", () => {
    const messages: [string, unknown][] = [
      ['delta', delta],
      ['view', { chat: Array.from({ length: 300 }, (_, i) => ({ id: `m${i}`, text: 'é'.repeat(i % 40) })) }],
      ['ack', { ref: 'r1', seq: 70_000 }],
      ['x'.repeat(40), [1.5, -3, null, true, 'z'.repeat(70_000)]],
      ['delta', {}],
    ];
    // Twice over, so later messages are packed after earlier ones in the encoder's buffer (and past its end).
    const made = [...messages, ...messages].map(([type, m]) => [encode(type, m), type, m] as const);
    for (const [bytes, type, m] of made)
      expect(bytes.equals(getMessageBytes.raw(Protocol.ROOM_DATA, type, m)), type.slice(0, 8)).toBe(true);
  });

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

  it('splices a value packed once into a message: the body of { ...message, [key]: value }', () => {
    const big = { issues: Array.from({ length: 500 }, (_, i) => ({ id: `i${i}`, text: 'ß'.repeat(i % 9) })) };
    const once = packed(big);
    for (const m of [{ seat: 'north', name: 'Ana' }, {}]) {
      const head = encode('welcome', [null]).length - 2;
      const out = withPacked('welcome', encode('welcome', m), 'scenario', once)!;
      expect(out.subarray(0, head).equals(encode('welcome', m).subarray(0, head))).toBe(true);
      expect(unpack(out.subarray(head))).toEqual({ ...m, scenario: big });
    }
    expect(withPacked('welcome', encode('welcome', [1]), 'scenario', once)).toBeNull();
  });

  it('refuses what it cannot write (the caller then encodes the merged object)', () => {
    expect(withAck('delta', encode('delta', [1, 2]), { seq: 1 })).toBeNull();
    expect(withAck('delta', encode('delta', delta), { seq: -1 })).toBeNull();
    expect(withAck('delta', encode('delta', delta), { seq: 1.5 })).toBeNull();
    expect(withAck('delta', encode('delta', delta), { seq: 2 ** 32 })).toBeNull();
  });
});
