import { describe, expect, it } from 'vitest';
import { channelMembers, channelsFor, entries, publicScenario, viewFor } from '../../../shared/engine/index.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { Table } from './helpers.js';

const s = miniScenario();
const ROLES = ['a', 'b', 'c'];
const secretsOf = (r: string) => [`SECRET-BRIEF-${r}`, `SECRET-INTEREST-${r}`, `SECRET-FEAR-${r}`];

describe('chat', () => {
  it('channels: public, working groups, bilateral pairs in sorted order', () => {
    expect(channelsFor({ scenario: s }, 'facilitator')).toEqual(['public', 'wg:ab', 'bi:a:b', 'bi:a:c', 'bi:b:c']);
    expect(channelsFor({ scenario: s }, 'a')).toEqual(['public', 'wg:ab', 'bi:a:b', 'bi:a:c']);
    expect(channelsFor({ scenario: s }, 'c')).toEqual(['public', 'bi:a:c', 'bi:b:c']);
    expect(channelsFor({ scenario: s }, 'observer')).toEqual(['public']);
    expect(channelMembers({ scenario: s }, 'public')).toBeNull();
    expect(channelMembers({ scenario: s }, 'bi:b:c')).toEqual(['b', 'c']);
    expect(channelMembers({ scenario: s }, 'wg:ab')).toEqual(['a', 'b']);
    expect(channelMembers({ scenario: s }, 'bi:c:b')).toBeUndefined();
  });

  it('messages are trimmed, numbered and stamped; chat works in every phase, even after the end', () => {
    const t = new Table(s);
    t.now = 42;
    t.ok('a', { type: 'chat', channel: 'public', text: '  hello  ' });
    expect(entries(t.state.chat)).toEqual([
      { id: 'm1', from: 'a', channel: 'public', text: 'hello', at: 42, round: 0 },
    ]);
    t.toMoves();
    t.ok('facilitator', { type: 'chat', channel: 'bi:a:b', text: 'the facilitator may speak anywhere' });
    t.ok('facilitator', { type: 'end' });
    t.ok('b', { type: 'chat', channel: 'wg:ab', text: 'good game' });
    expect(entries(t.state.chat).map((m) => m.channel)).toEqual(['public', 'bi:a:b', 'wg:ab']);
  });

  it('a chat message is not a formal move', () => {
    const t = new Table(s).toMoves();
    t.ok('b', { type: 'chat', channel: 'public', text: 'not my turn, but I may talk' });
    expect(t.state.moved).toEqual([]);
    expect(t.turn()).toBe('a');
  });
});

describe('refusing a channel', () => {
  it('blocks bilateral chat and offers both ways; only the refuser reopens it; public talk still works', () => {
    const t = new Table(s);
    t.ok('a', { type: 'refuse_channel', with: 'b', refuse: true }); // allowed in setup
    expect(t.state.refusals).toEqual([['a', 'b']]);
    expect(entries(t.state.timeline).at(-1)).toMatchObject({
      kind: 'format',
      audience: null,
      text: 'Role A refuses to deal directly with Role B.',
    });
    const same = t.try('b', { type: 'refuse_channel', with: 'a', refuse: true });
    expect(same.ok && same.state).toBe(t.state); // already refused: nothing changes
    t.toMoves();
    t.err('a', { type: 'propose', to: ['b'], terms: { land: 'y' } }, 'offer/channel_refused');
    t.ok('a', { type: 'pass' });
    t.err('b', { type: 'propose', to: ['a', 'c'], terms: { land: 'y' } }, 'offer/channel_refused');
    t.ok('b', { type: 'chat', channel: 'public', text: 'we still talk in public' });
    // A working group of just the two of them is a direct channel too.
    t.err('b', { type: 'chat', channel: 'wg:ab', text: 'and in the working group' }, 'chat/channel_refused');
    t.ok('a', { type: 'refuse_channel', with: 'b', refuse: false });
    expect(t.state.refusals).toEqual([]);
    t.ok('b', { type: 'chat', channel: 'bi:a:b', text: 'reopened' });
    t.ok('b', { type: 'propose', to: ['a'], terms: { land: 'y' } });
  });

  it('a counter cannot go to a delegation that was refused', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p' } });
    t.ok('c', { type: 'refuse_channel', with: 'b', refuse: true });
    t.err('b', { type: 'counter', offer: 'o1', terms: { guard: 'q' } }, 'offer/channel_refused');
  });

  it('refusals are fixed once the game has ended', () => {
    const t = new Table(s);
    t.ok('facilitator', { type: 'end' });
    t.err('a', { type: 'refuse_channel', with: 'b', refuse: true }, 'game/ended');
  });
});

/** A game with something private in every corner: notes, bilateral chat, working-group chat, levers. */
function busyTable(): Table {
  const t = new Table(s).toMoves();
  t.ok('a', { type: 'chat', channel: 'public', text: 'PUBLIC-HELLO' });
  t.ok('a', { type: 'chat', channel: 'bi:a:b', text: 'PRIVATE-AB' });
  t.ok('c', { type: 'chat', channel: 'bi:a:c', text: 'PRIVATE-AC' });
  t.ok('b', { type: 'chat', channel: 'wg:ab', text: 'PRIVATE-WG' });
  t.ok('facilitator', { type: 'chat', channel: 'bi:b:c', text: 'PRIVATE-BC' });
  t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'y' }, note: 'NOTE-AB' });
  t.ok('b', { type: 'propose', to: ['c'], terms: { guard: 'p' }, note: 'NOTE-BC' });
  t.ok('c', { type: 'lever', lever: 'push' });
  return t;
}

describe('viewFor', () => {
  const t = busyTable();
  const hidden: Record<string, string[]> = {
    a: ['PRIVATE-BC', 'NOTE-BC', ...secretsOf('b'), ...secretsOf('c')],
    b: ['PRIVATE-AC', ...secretsOf('a'), ...secretsOf('c')],
    c: ['PRIVATE-AB', 'PRIVATE-WG', 'NOTE-AB', ...secretsOf('a'), ...secretsOf('b')],
  };
  const shown: Record<string, string[]> = {
    a: ['PUBLIC-HELLO', 'PRIVATE-AB', 'PRIVATE-AC', 'PRIVATE-WG', 'NOTE-AB', ...secretsOf('a')],
    b: ['PUBLIC-HELLO', 'PRIVATE-AB', 'PRIVATE-WG', 'PRIVATE-BC', 'NOTE-AB', 'NOTE-BC', ...secretsOf('b')],
    c: ['PUBLIC-HELLO', 'PRIVATE-AC', 'PRIVATE-BC', 'NOTE-BC', ...secretsOf('c')],
  };

  for (const r of ROLES) {
    it(`delegation ${r} sees its own secrets and channels, never another's`, () => {
      const text = JSON.stringify(viewFor(s, t.state, r));
      for (const x of hidden[r]) expect(text, x).not.toContain(x);
      for (const x of shown[r]) expect(text, x).toContain(x);
      const v = viewFor(s, t.state, r);
      expect(v.me!.role.id).toBe(r);
      expect(v.all).toBeNull();
      expect(v.me!.walkAwayCurve).toEqual([30, 25, 20].map((x) => x + t.state.walkAwayShift[r]));
    });
  }

  it('no delegation finds any SECRET marker but its own', () => {
    for (const r of ROLES) {
      const found = JSON.stringify(viewFor(s, t.state, r)).match(/SECRET-[A-Z]+-[a-z]/g) ?? [];
      expect(new Set(found.map((m) => m.slice(-1)))).toEqual(new Set([r]));
    }
  });

  it('the facilitator sees everything', () => {
    const v = viewFor(s, t.state, 'facilitator');
    const text = JSON.stringify(v);
    for (const r of ROLES) for (const x of secretsOf(r)) expect(text).toContain(x);
    for (const x of ['PRIVATE-AB', 'PRIVATE-AC', 'PRIVATE-BC', 'PRIVATE-WG', 'NOTE-AB', 'NOTE-BC'])
      expect(text).toContain(x);
    expect(Object.keys(v.all!)).toEqual(ROLES);
    expect(v.me).toBeNull();
    expect(v.offers).toHaveLength(2);
    expect(v.timeline).toHaveLength(entries(t.state.timeline).length);
  });

  it('an observer sees only what is public', () => {
    const v = viewFor(s, t.state, 'observer');
    const text = JSON.stringify(v);
    expect(text).not.toMatch(/SECRET-|PRIVATE-|NOTE-/);
    expect(v.chat.map((m) => m.text)).toEqual(['PUBLIC-HELLO']);
    expect(v.offers).toEqual([]);
    expect(v.timeline.every((e) => e.audience === null)).toBe(true);
    expect(v.me).toBeNull();
    expect(v.all).toBeNull();
    expect(v).toMatchObject({ phase: t.state.phase, round: 1, meters: t.state.meters });
  });

  it('bilateral chat reaches only the pair (and the facilitator)', () => {
    const readers = ['a', 'b', 'c', 'observer', 'facilitator'].filter((seat) =>
      viewFor(s, t.state, seat).chat.some((m) => m.text === 'PRIVATE-AB'),
    );
    expect(readers).toEqual(['a', 'b', 'facilitator']);
  });

  it('the turn is shown during moves', () => {
    expect(viewFor(s, t.state, 'a').turn).toBe(t.state.phase === 'moves' ? t.state.turnOrder[t.state.turn] : null);
  });
});

describe('publicScenario', () => {
  it('strips every confidential part of every role', () => {
    const p = publicScenario(s);
    const text = JSON.stringify(p);
    expect(text).not.toContain('SECRET-');
    for (const r of p.roles)
      expect(Object.keys(r).sort()).toEqual(['color', 'id', 'levers', 'name', 'profile', 'short', 'source']);
    // Levers by name only: what a lever does, its effects and its uses stay in the delegation's brief.
    for (const r of p.roles) for (const l of r.levers) expect(Object.keys(l).sort()).toEqual(['id', 'label']);
    expect(text).not.toContain('Pushes.');
    expect(p.issues).toEqual(s.issues);
  });
});
