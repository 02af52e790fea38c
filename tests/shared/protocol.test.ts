import { describe, expect, it } from 'vitest';
import { joinClassSchema } from '../../shared/class-protocol.js';
import { clientMessages, describeZodError, joinOptionsSchema, MISSING_NAME } from '../../shared/protocol.js';

const reason = (payload: unknown) => {
  const r = clientMessages.act.safeParse(payload);
  if (r.success) throw new Error('accepted');
  return describeZodError(r.error);
};

describe('describeZodError', () => {
  it('says in plain words that a text or a list is too long', () => {
    expect(reason({ ref: 'r', action: { type: 'chat', channel: 'public', text: 'x'.repeat(1001) } })).toBe(
      'The message is too long: at most 1000 characters.',
    );
    expect(reason({ ref: 'r', action: { type: 'propose', to: Array(9).fill('a'), terms: {}, inReturn: null } })).toBe(
      'The list of recipients is too long: at most 8 items.',
    );
  });

  it('asks for a name when the name is empty or only spaces, at a table and in a class', () => {
    for (const name of ['', '   ', '\t ']) {
      const t = joinOptionsSchema.safeParse({ name });
      expect(t.success || describeZodError(t.error)).toBe(MISSING_NAME);
      const c = joinClassSchema.safeParse({ name, playerId: 'p1' });
      expect(c.success || c.error.issues[0]?.message).toBe(MISSING_NAME);
    }
    expect(joinClassSchema.parse({ name: '  Ana ', playerId: 'p1' }).name).toBe('Ana');
  });

  it('names the field and the reason otherwise', () => {
    expect(reason({ ref: 'r', action: { type: 'extend', seconds: -5 } })).toMatch(/^Malformed action\.seconds: /);
  });
});
