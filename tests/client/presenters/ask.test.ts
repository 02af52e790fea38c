import { describe, expect, it } from 'vitest';
import { publicScenario } from '../../../shared/engine/index.js';
import { talkSchema } from '../../../shared/protocol.js';
import { floatPackage, quickQuestion, verdictTag } from '../../../client/presenters/ask.js';
import { parseTalk } from '../../../shared/bots/dialogue-parse.js';
import { loadScenarios } from '../../../server/scenarios.js';

const s = publicScenario(loadScenarios().get('harbour_dispute')!);

describe('quick questions and floated packages', () => {
  it('make a readable line and a talk act the protocol accepts', () => {
    const q = quickQuestion(s, 'live_with', 'berths', 'equal_split', 'north');
    expect(q.text).toBe('North Town, could you live with Equal split (Berths)?');
    expect(q.talk).toEqual({ kind: 'live_with', issue: 'berths', option: 'equal_split', to: 'north' });
    expect(talkSchema.safeParse(q.talk).success).toBe(true);
    expect(quickQuestion(s, 'need', 'dues', '').talk).toEqual({ kind: 'need', issue: 'dues' });
    const f = floatPackage(s, { berths: 'equal_split', dues: '', authority: 'joint_board' })!;
    expect(f.talk).toEqual({ kind: 'what_if', terms: { berths: 'equal_split', authority: 'joint_board' } });
    expect(f.text).toContain('not binding');
    expect(floatPackage(s, { berths: '' })).toBeNull();
  });
  it('the lines they write are also understood as free text', () => {
    expect(
      parseTalk(s, floatPackage(s, { berths: 'equal_split', authority: 'joint_board' })!.text, ['north', 'broker']),
    ).toEqual({ kind: 'what_if', terms: { berths: 'equal_split', authority: 'joint_board' } });
    expect(parseTalk(s, quickQuestion(s, 'need', 'dues', '').text, ['north'])).toEqual({ kind: 'need', issue: 'dues' });
  });
  it('a reply shows its verdict in words', () => {
    expect(verdictTag({ kind: 'reply', re: 'm1', verdict: 'red_line' })).toBe('red line');
    expect(verdictTag({ kind: 'need', issue: 'x' })).toBe('');
  });
});
