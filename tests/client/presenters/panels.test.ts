import { describe, expect, it } from 'vitest';
import { pointsTable, walkAwayChart } from '../../../client/presenters/briefing.js';
import { endModel } from '../../../client/presenters/end.js';
import { possessive, wrapWords } from '../../../client/presenters/labels.js';
import { confirmLabel, leverGone, leverModels } from '../../../client/presenters/levers.js';
import { channels, messages } from '../../../client/presenters/talks.js';
import { Game } from '../game.js';

describe('briefing', () => {
  it('lists every option with my points, best and red lines marked', () => {
    const g = new Game();
    const rows = pointsTable(g.pub, g.view('b').me!);
    const land = rows.find((r) => r.issue === 'land')!;
    expect(land).toMatchObject({ title: 'Land', required: true, signatories: 'A, B' });
    expect(land.options).toEqual([
      { id: 'x', label: 'X', points: 10, redLine: true, best: false },
      { id: 'y', label: 'Y', points: 30, redLine: false, best: false },
      { id: 'z', label: 'Z', points: 50, redLine: false, best: true },
    ]);
  });

  it('draws the walk-away curve with the current round marked', () => {
    const g = new Game();
    const c = walkAwayChart(g.view('a').me!, 2);
    expect(c.dots.map((d) => d.value)).toEqual([30, 25, 20]);
    expect(c.dots.map((d) => d.current)).toEqual([false, true, false]);
    expect(c.dots[0].y).toBeLessThan(c.dots[2].y);
    expect(c.line.split(' ')).toHaveLength(3);
    expect(c.summary).toContain('every month of war makes no deal worse');
  });
});

describe('levers', () => {
  it('say what they will do and can be used only in my turn, while uses remain', () => {
    const g = new Game();
    const [l] = leverModels(g.pub, g.view('a'));
    expect(l).toMatchObject({ id: 'push', label: 'Push a', usesLeft: 1, canUse: false });
    expect(l.effects).toEqual(['Heat +10', "Role A's walk-away value -2"]);
    expect(possessive('United States')).toBe("United States'");
    // Chart labels on a phone: whole words per line, a word longer than the line on its own.
    expect(wrapWords('European security talks', 16)).toEqual(['European', 'security talks']);
    expect(wrapWords('Ceasefire and monitoring', 16)).toEqual(['Ceasefire and', 'monitoring']);
    expect(wrapWords('Internationalisation', 9)).toEqual(['Internationalisation']);
    expect(wrapWords('  ', 9)).toEqual([]);
    expect(possessive('Europe')).toBe("Europe's");
    expect(leverGone(leverModels(g.pub, g.view('a')), 'push')).toBe(l.reason);
    expect(confirmLabel({ label: 'Add sanctions on Russian oil' })).toBe('Yes, add sanctions on Russian oil');
    g.toMoves();
    expect(leverModels(g.pub, g.view('a'))[0].canUse).toBe(true);
    // An open confirmation stays while the lever can be pulled, and closes with the reason once it cannot.
    expect(leverGone(leverModels(g.pub, g.view('a')), 'push')).toBeNull();
    expect(leverGone([], 'push')).toBe('That lever cannot be used just now.');
    g.act('a', { type: 'lever', lever: 'push' });
    expect(leverGone(leverModels(g.pub, g.view('a')), 'push')).toBe('Used up.');
    expect(leverModels(g.pub, g.view('a'))[0]).toMatchObject({ usesLeft: 0, canUse: false, reason: 'Used up.' });
    expect(leverModels(g.pub, g.view('observer'))).toEqual([]);
  });
});

describe('talks', () => {
  it('lists the channels a seat may read, with unread counts', () => {
    const g = new Game();
    g.act('b', { type: 'chat', channel: 'bi:a:b', text: 'Hello A' });
    g.act('a', { type: 'chat', channel: 'bi:a:b', text: 'Hello B' });
    const a = channels(g.pub, g.view('a'), {});
    expect(a.map((c) => c.label)).toEqual(['Public table', 'Working group: A and B', 'With Role B', 'With Role C']);
    const ab = a.find((c) => c.id === 'bi:a:b')!;
    expect(ab).toMatchObject({ count: 2, unread: 1, other: 'b', canWrite: true });
    expect(channels(g.pub, g.view('a'), { 'bi:a:b': 2 }).find((c) => c.id === 'bi:a:b')!.unread).toBe(0);
    expect(channels(g.pub, g.view('c'), {}).map((c) => c.id)).toEqual(['public', 'bi:a:c', 'bi:b:c']);
    expect(channels(g.pub, g.view('facilitator'), {}).find((c) => c.id === 'bi:a:b')!.label).toBe('Role A and Role B');
    expect(messages(g.pub, g.view('a'), 'bi:a:b').map((m) => [m.from, m.mine])).toEqual([
      ['Role B', false],
      ['Role A', true],
    ]);
  });

  it('marks a refused bilateral channel and who may reopen it', () => {
    const g = new Game();
    g.act('a', { type: 'refuse_channel', with: 'c', refuse: true });
    const byA = channels(g.pub, g.view('a'), {}).find((c) => c.id === 'bi:a:c')!;
    const byC = channels(g.pub, g.view('c'), {}).find((c) => c.id === 'bi:a:c')!;
    expect(byA).toMatchObject({ refused: true, refusedByMe: true, canWrite: false });
    expect(byC).toMatchObject({ refused: true, refusedByMe: false, canWrite: false });
    // As the engine has it: the facilitator may still write there; an observer nowhere.
    expect(channels(g.pub, g.view('facilitator'), {}).find((c) => c.id === 'bi:a:c')!.canWrite).toBe(true);
    expect(channels(g.pub, g.view('observer'), {}).every((c) => !c.canWrite)).toBe(true);
  });
});

describe('end', () => {
  it('shows the signed framework, scores against walk-away values and the timeline', () => {
    const g = new Game().toMoves();
    g.act('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } });
    const offer = g.state.offers[0].id;
    g.act('b', { type: 'accept', offer }).act('c', { type: 'accept', offer });
    // Resolution -> news -> talks -> moves of round 2.
    g.act('facilitator', { type: 'advance' })
      .act('facilitator', { type: 'advance' })
      .act('facilitator', { type: 'advance' });
    for (const r of g.state.turnOrder) g.act(r, { type: 'sign' });
    const m = endModel(g.pub, g.view('b'))!;
    expect(m.kind).toBe('deal');
    expect(m.heading).toBe('The framework agreement is signed');
    expect(m.terms).toEqual([
      { issue: 'Guarantee', option: 'Pledge' },
      { issue: 'Land', option: 'Y' },
    ]);
    expect(m.durability).toBeGreaterThan(0);
    const b = m.scores.find((r) => r.role === 'b')!;
    expect(b.me).toBe(true);
    // The engine's one gain definition: score against what walking away would have scored.
    expect(b.gain).toBe(g.state.outcome!.scores.b.gain);
    expect(b.gain).toBeCloseTo(b.score - b.noDealScore);
    expect(b.verdict).toMatch(/over walking away|under walking away|same as walking away/);
    expect(m.sequencingText).toMatch(/same package/);
    expect(m.timeline.some((t) => /signs the framework/.test(t.text))).toBe(true);
  });

  it('says "No deal" when the facilitator runs out the clock, and nothing while the game runs', () => {
    const g = new Game({ rounds: 1 });
    expect(endModel(g.pub, g.view('a'))).toBeNull();
    g.toMoves();
    g.act('facilitator', { type: 'advance' }).act('facilitator', { type: 'advance' });
    const m = endModel(g.pub, g.view('observer'))!;
    expect(m).toMatchObject({ kind: 'no_deal', heading: 'No deal', terms: [], durability: null });
    expect(m.scores.every((r) => r.dealPoints === null && !r.me)).toBe(true);
    // The "Gain over walking away" column starts with its number, as the debrief's does.
    expect(m.scores.every((r) => r.gain === 0 && r.verdict.startsWith('0: no deal'))).toBe(true);
  });
});
