import { describe, expect, it } from 'vitest';
import { isEmptyDraft, restorableDraft } from '../../../client/presenters/draft.js';
import { Game } from '../game.js';

describe('an offer draft kept over a reload', () => {
  const { pub } = new Game();
  const issue = pub.issues[0];
  const option = issue.options[0].id;

  it('puts back recipients, terms, the lever asked and the note', () => {
    const d = { to: ['b', 'c'], terms: { [issue.id]: option }, inReturn: 'b:x', note: 'Think about it' };
    expect(restorableDraft(pub, 'a', d)).toEqual(d);
  });

  it('drops what the scenario does not have, the seat itself, and a note longer than the composer takes', () => {
    const d = restorableDraft(pub, 'a', {
      to: ['a', 'b', 'b', 'zz', 7],
      terms: { [issue.id]: 'no-such-option', nope: option, [pub.issues[1].id]: pub.issues[1].options[1].id },
      inReturn: 3,
      note: 'x'.repeat(500),
    });
    expect(d).toEqual({
      to: ['b'],
      terms: { [pub.issues[1].id]: pub.issues[1].options[1].id },
      inReturn: '',
      note: 'x'.repeat(280),
    });
  });

  it('restores nothing from an empty or broken record', () => {
    for (const raw of [null, 'text', 42, [], {}, { to: [], terms: {}, inReturn: '', note: '  ' }])
      expect(restorableDraft(pub, 'a', raw)).toBeNull();
    expect(isEmptyDraft({ to: [], terms: {}, inReturn: '', note: '' })).toBe(true);
    expect(isEmptyDraft({ to: [], terms: {}, inReturn: '', note: 'hi' })).toBe(false);
  });
});
