import { describe, expect, it } from 'vitest';
import { applyAction, createGame, type Action, type ErrorCode } from '../../../shared/engine/index.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { miniVariant, Table } from './helpers.js';

const s = miniScenario();
const moves = () => new Table(s).toMoves();
const timed = () => new Table(s, { seed: 1, phaseSeconds: { news: 10, talks: 60, moves: 20, resolution: 5 } });

/**
 * Every error code the engine has, each produced by a real situation. The Record type makes
 * tsc fail when a code is added to ErrorCode without a case here.
 */
const cases: Record<ErrorCode, (() => void)[]> = {
  'action/unknown': [
    () => moves().err('a', { type: 'fly' } as unknown as Action, 'action/unknown'),
    () => moves().err('a', { type: 'toString' } as unknown as Action, 'action/unknown'),
    () => moves().err('a', { type: '__proto__' } as unknown as Action, 'action/unknown'),
    () => moves().err('a', null as unknown as Action, 'action/unknown'),
  ],
  'action/invalid': [
    () =>
      moves().err('a', { type: 'propose', to: ['b'], terms: { land: 'y' }, note: 'n'.repeat(281) }, 'action/invalid'),
    () => moves().err('facilitator', { type: 'extend', seconds: 30 }, 'action/invalid'), // untimed: nothing to extend
    () => {
      const t = timed();
      t.ok('facilitator', { type: 'start' });
      t.err('facilitator', { type: 'extend', seconds: -30 }, 'action/invalid');
      t.err('facilitator', { type: 'extend', seconds: Number.NaN }, 'action/invalid');
    },
    () => moves().err('a', { type: 'refuse_channel', with: 'a', refuse: true }, 'action/invalid'),
    () => moves().err('a', { type: 'refuse_channel', with: 'zz', refuse: true }, 'action/invalid'),
  ],
  'seat/unknown': [
    () => moves().err('zz', { type: 'pass' }, 'seat/unknown'),
    () => moves().err('observer', { type: 'chat', channel: 'public', text: 'hi' }, 'seat/unknown'),
  ],
  'seat/not_allowed': [
    () => moves().err('a', { type: 'pause' }, 'seat/not_allowed'),
    () => moves().err('a', { type: 'tick' }, 'seat/not_allowed'),
    () => new Table(s).err('a', { type: 'start' }, 'seat/not_allowed'),
    () => moves().err('facilitator', { type: 'pass' }, 'seat/not_allowed'),
    () => moves().err('system', { type: 'chat', channel: 'public', text: 'hi' }, 'seat/not_allowed'),
    () => moves().err('facilitator', { type: 'ready' }, 'seat/not_allowed'),
    () => {
      const t = moves();
      t.ok('a', { type: 'refuse_channel', with: 'b', refuse: true });
      // Only the side that refused may reopen.
      t.err('b', { type: 'refuse_channel', with: 'a', refuse: false }, 'seat/not_allowed');
    },
  ],
  'game/not_started': [
    () => new Table(s).err('a', { type: 'pass' }, 'game/not_started'),
    () => new Table(s).err('a', { type: 'propose', to: ['b'], terms: { land: 'y' } }, 'game/not_started'),
    () => new Table(s).err('facilitator', { type: 'pause' }, 'game/not_started'),
    () => new Table(s).err('system', { type: 'tick' }, 'game/not_started'),
    () => new Table(s).err('a', { type: 'withdraw', offer: 'o1' }, 'game/not_started'),
  ],
  'game/already_started': [
    () => moves().err('facilitator', { type: 'start' }, 'game/already_started'),
    () => moves().err('system', { type: 'start' }, 'game/already_started'),
  ],
  'game/ended': [
    () => {
      const t = moves();
      t.ok('facilitator', { type: 'end' });
      t.err('a', { type: 'pass' }, 'game/ended');
      t.err('facilitator', { type: 'advance' }, 'game/ended');
      t.err('facilitator', { type: 'end' }, 'game/ended');
      t.err('facilitator', { type: 'start' }, 'game/ended');
      t.err('b', { type: 'ready' }, 'game/ended');
    },
  ],
  'game/paused': [
    () => {
      const t = moves();
      t.ok('facilitator', { type: 'pause' });
      t.err('facilitator', { type: 'pause' }, 'game/paused');
      t.err('a', { type: 'pass' }, 'game/paused');
      t.err('facilitator', { type: 'advance' }, 'game/paused');
      t.err('system', { type: 'tick' }, 'game/paused');
      t.err('a', { type: 'refuse_channel', with: 'b', refuse: true }, 'game/paused');
    },
  ],
  'game/not_paused': [() => moves().err('facilitator', { type: 'resume' }, 'game/not_paused')],
  'phase/wrong_phase': [
    () => {
      const t = new Table(s);
      t.ok('facilitator', { type: 'start' });
      t.err('a', { type: 'pass' }, 'phase/wrong_phase'); // news
      t.err('a', { type: 'withdraw', offer: 'o1' }, 'phase/wrong_phase'); // news
      t.ok('facilitator', { type: 'advance' });
      t.err('a', { type: 'propose', to: ['b'], terms: { land: 'y' } }, 'phase/wrong_phase'); // talks
    },
    () => moves().err('a', { type: 'ready' }, 'phase/wrong_phase'),
    // A stamped Ready for the phase the table is in, but a phase where Ready is not taken: the plain refusal.
    () => moves().err('a', { type: 'ready', phase: 'moves', round: 1 }, 'phase/wrong_phase'),
  ],
  'ready/stale': [
    () => {
      // A Ready pressed in the talks arrives after the talks ended: refused, not counted for the moves.
      const t = new Table(s);
      t.ok('facilitator', { type: 'start' });
      t.ok('facilitator', { type: 'advance' });
      expect(t.state.phase).toBe('talks');
      t.ok('a', { type: 'ready', phase: 'talks', round: 1 });
      t.ok('facilitator', { type: 'advance' });
      expect(t.err('a', { type: 'ready', phase: 'talks', round: 1 }, 'ready/stale')).toMatch(
        /talks phase.*moves phase/,
      );
    },
    () => {
      // News of round 2 ended by its timer: a Ready for round 1's resolution or for the news is not carried on.
      const t = new Table(s).toMoves().nextMoves();
      t.passRest();
      expect(t.state.phase).toBe('resolution');
      t.err('a', { type: 'ready', phase: 'news', round: 2 }, 'ready/stale');
      t.err('a', { type: 'ready', phase: 'resolution', round: 1 }, 'ready/stale');
      t.ok('a', { type: 'ready', phase: 'resolution', round: 2 });
    },
  ],
  'move/not_your_turn': [
    () => moves().err('b', { type: 'pass' }, 'move/not_your_turn'),
    () => {
      const t = moves();
      t.ok('a', { type: 'pass' });
      // A delegation that has moved is not on turn again this round.
      t.err('a', { type: 'pass' }, 'move/not_your_turn');
    },
  ],
  'offer/unknown': [
    () => moves().err('a', { type: 'accept', offer: 'o99' }, 'offer/unknown'),
    () => {
      const t = moves();
      t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'y' } });
      // c is no party to it, so for c it does not exist.
      t.passUntil('c').err('c', { type: 'accept', offer: t.lastOffer().id }, 'offer/unknown');
      t.err('c', { type: 'counter', offer: t.lastOffer().id, terms: { land: 'z' } }, 'offer/unknown');
      t.err('c', { type: 'withdraw', offer: t.lastOffer().id }, 'offer/unknown');
    },
  ],
  'offer/not_open': [
    () => {
      const t = moves();
      const id = (t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p' } }), t.lastOffer().id);
      t.ok('b', { type: 'reject', offer: id });
      t.err('c', { type: 'accept', offer: id }, 'offer/not_open');
      t.nextMoves(); // round 2: b, c, a
      t.ok('b', { type: 'pass' });
      t.ok('c', { type: 'pass' });
      t.err('a', { type: 'withdraw', offer: id }, 'offer/not_open');
    },
  ],
  'offer/not_recipient': [
    () => {
      const t = moves();
      t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'y' } });
      t.nextMoves(); // round 2: b, c, a
      t.passUntil('a').err('a', { type: 'accept', offer: 'o1' }, 'offer/not_recipient');
      t.err('a', { type: 'reject', offer: 'o1' }, 'offer/not_recipient');
    },
  ],
  'offer/not_yours': [
    () => {
      const t = moves();
      t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'y' } });
      t.err('b', { type: 'withdraw', offer: 'o1' }, 'offer/not_yours');
    },
  ],
  'offer/already_answered': [
    () => {
      const t = moves();
      t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } });
      t.ok('b', { type: 'accept', offer: 'o1' });
      t.nextMoves(); // round 2: b moves first; the offer from round 1 is still open
      t.err('b', { type: 'accept', offer: 'o1' }, 'offer/already_answered');
      t.err('b', { type: 'reject', offer: 'o1' }, 'offer/already_answered');
    },
  ],
  'offer/empty': [() => moves().err('a', { type: 'propose', to: ['b'], terms: {} }, 'offer/empty')],
  'offer/bad_recipient': [
    () => moves().err('a', { type: 'propose', to: [], terms: { land: 'y' } }, 'offer/bad_recipient'),
    () => moves().err('a', { type: 'propose', to: ['b', 'b'], terms: { land: 'y' } }, 'offer/bad_recipient'),
    () => moves().err('a', { type: 'propose', to: ['zz'], terms: { land: 'y' } }, 'offer/bad_recipient'),
    () => moves().err('a', { type: 'propose', to: ['a'], terms: { land: 'y' } }, 'offer/bad_recipient'),
    () => moves().err('a', { type: 'propose', to: ['facilitator'], terms: { land: 'y' } }, 'offer/bad_recipient'),
  ],
  'offer/unknown_issue': [
    () => moves().err('a', { type: 'propose', to: ['b'], terms: { sea: 'y' } }, 'offer/unknown_issue'),
  ],
  'offer/unknown_option': [
    () => moves().err('a', { type: 'propose', to: ['b'], terms: { land: 'w' } }, 'offer/unknown_option'),
  ],
  'offer/issue_settled': [
    () => {
      const t = moves();
      t.ok('a', { type: 'propose', to: ['c'], terms: { guard: 'p' } });
      t.passUntil('c').ok('c', { type: 'accept', offer: 'o1' });
      t.toMoves(); // round 2
      t.err('b', { type: 'propose', to: ['a'], terms: { guard: 'p' } }, 'offer/issue_settled');
      t.err('b', { type: 'propose', to: ['a'], terms: { guard: 'q', land: 'y' } }, 'offer/issue_settled');
    },
  ],
  'offer/no_signatory': [
    () => {
      // Only c signs the guarantee here, so an offer between a and b cannot settle it.
      const t = new Table(miniVariant((d) => (d.issues[0].signatories = ['c']))).toMoves();
      t.err('a', { type: 'propose', to: ['b'], terms: { guard: 'p' } }, 'offer/no_signatory');
    },
  ],
  'offer/red_line': [
    () => {
      const t = moves();
      t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'x' } });
      // b can neither accept nor propose its red line land.x.
      t.err('b', { type: 'accept', offer: 'o1' }, 'offer/red_line');
      t.err('b', { type: 'propose', to: ['a'], terms: { land: 'x' } }, 'offer/red_line');
      t.err('b', { type: 'counter', offer: 'o1', terms: { guard: 'p', land: 'x' } }, 'offer/red_line');
    },
  ],
  'offer/channel_refused': [
    () => {
      const t = moves();
      t.ok('b', { type: 'refuse_channel', with: 'a', refuse: true });
      t.err('a', { type: 'propose', to: ['b'], terms: { land: 'y' } }, 'offer/channel_refused');
      t.err('a', { type: 'propose', to: ['c', 'b'], terms: { land: 'y' } }, 'offer/channel_refused');
    },
  ],
  'offer/bad_return': [
    () =>
      moves().err(
        'a',
        { type: 'propose', to: ['b'], terms: { land: 'y' }, inReturn: { role: 'c', lever: 'push' } },
        'offer/bad_return',
      ),
    () =>
      moves().err(
        'a',
        { type: 'propose', to: ['b'], terms: { land: 'y' }, inReturn: { role: 'b', lever: 'pull' } },
        'offer/bad_return',
      ),
    () => {
      const t = moves();
      t.ok('a', { type: 'lever', lever: 'push' });
      t.nextMoves(); // round 2: b, c, a
      t.passUntil('a').err(
        'a',
        { type: 'propose', to: ['b'], terms: { land: 'y' }, inReturn: { role: 'a', lever: 'push' } },
        'offer/bad_return',
      );
      t.ok('a', { type: 'pass' });
    },
    () => {
      const t = moves();
      t.passUntil('b').ok('b', { type: 'lever', lever: 'push' });
      t.nextMoves();
      t.passUntil('a').err(
        'a',
        { type: 'propose', to: ['b'], terms: { land: 'y' }, inReturn: { role: 'b', lever: 'push' } },
        'offer/bad_return',
      );
    },
  ],
  'offer/too_early': [
    // The leaders' channel opens only once the working groups have settled enough clauses (seeds 001, 003).
    () =>
      new Table(miniVariant((d) => (d.mechanics.leaders = { prepared: 1, source: 'test' })))
        .toMoves()
        .err('a', { type: 'propose', to: ['b', 'c'], terms: { land: 'y' }, summit: true }, 'offer/too_early'),
    () => moves().err('a', { type: 'propose', to: ['b', 'c'], terms: { land: 'y' }, summit: true }, 'offer/too_early'),
  ],
  'sign/not_ready': [() => moves().err('a', { type: 'sign' }, 'sign/not_ready')],
  'sign/already_signed': [
    () => {
      const t = moves();
      t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } });
      t.ok('b', { type: 'accept', offer: 'o1' });
      t.ok('c', { type: 'accept', offer: 'o1' });
      t.toMoves(); // round 2: b, c, a
      t.ok('b', { type: 'sign' });
      t.passRest().toMoves(); // round 3: c, a, b
      t.passUntil('b').err('b', { type: 'sign' }, 'sign/already_signed');
    },
  ],
  'sign/no_mandate': [
    () => {
      // b may sign only while support is at least 50 (ratification, seed 000); the bundle costs it 20 (60 -> 40).
      const ms = miniVariant((d) => {
        d.mechanics.mandate = { role: 'b', meter: 'support', min: 50, source: 'mini' };
      });
      const t = new Table(ms).toMoves();
      t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } });
      t.ok('b', { type: 'accept', offer: 'o1' });
      t.ok('c', { type: 'accept', offer: 'o1' });
      t.ok('a', { type: 'sign' }); // the others keep their mandate
      t.err('b', { type: 'sign' }, 'sign/no_mandate');
    },
  ],
  'lever/unknown': [() => moves().err('a', { type: 'lever', lever: 'pull' }, 'lever/unknown')],
  'lever/used_up': [
    () => {
      const t = moves();
      t.ok('a', { type: 'lever', lever: 'push' });
      t.nextMoves().passUntil('a').err('a', { type: 'lever', lever: 'push' }, 'lever/used_up');
    },
    () => {
      // c is asked to pull its lever in return, then pulls it on its own before accepting.
      const t = moves();
      t.ok('a', { type: 'propose', to: ['c'], terms: { guard: 'p' }, inReturn: { role: 'c', lever: 'push' } });
      t.passUntil('c').ok('c', { type: 'lever', lever: 'push' });
      t.toMoves();
      t.passUntil('c').err('c', { type: 'accept', offer: 'o1' }, 'lever/used_up');
    },
    () => {
      // The lever asked of b is used up through another offer before c's acceptance would pull it again.
      const t = moves();
      t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p' }, inReturn: { role: 'b', lever: 'push' } }); // o1
      t.ok('b', { type: 'accept', offer: 'o1' });
      t.ok('c', { type: 'propose', to: ['b'], terms: { land: 'z' }, inReturn: { role: 'b', lever: 'push' } }); // o2
      t.toMoves(); // round 2: b, c, a
      t.ok('b', { type: 'accept', offer: 'o2' }); // pulls b's lever (its one use)
      expect(t.state.leversUsed.b.push).toBe(1);
      const msg = t.err('c', { type: 'accept', offer: 'o1' }, 'lever/used_up');
      expect(msg).toContain('Role B');
    },
  ],
  'chat/empty': [() => moves().err('a', { type: 'chat', channel: 'public', text: '   ' }, 'chat/empty')],
  'chat/too_long': [
    () => moves().err('a', { type: 'chat', channel: 'public', text: 'x'.repeat(501) }, 'chat/too_long'),
  ],
  'chat/bad_channel': [
    () => moves().err('a', { type: 'chat', channel: 'radio', text: 'hi' }, 'chat/bad_channel'),
    () => moves().err('c', { type: 'chat', channel: 'bi:a:b', text: 'hi' }, 'chat/bad_channel'),
    () => moves().err('a', { type: 'chat', channel: 'bi:b:a', text: 'hi' }, 'chat/bad_channel'),
    () => moves().err('a', { type: 'chat', channel: 'bi:a:a', text: 'hi' }, 'chat/bad_channel'),
    () => moves().err('c', { type: 'chat', channel: 'wg:ab', text: 'hi' }, 'chat/bad_channel'),
    () => moves().err('a', { type: 'chat', channel: 'wg:zz', text: 'hi' }, 'chat/bad_channel'),
    () => moves().err('facilitator', { type: 'chat', channel: 'bi:a:zz', text: 'hi' }, 'chat/bad_channel'),
  ],
  'chat/channel_refused': [
    () => {
      const t = moves();
      t.ok('a', { type: 'refuse_channel', with: 'b', refuse: true });
      t.err('a', { type: 'chat', channel: 'bi:a:b', text: 'hi' }, 'chat/channel_refused');
      t.err('b', { type: 'chat', channel: 'bi:a:b', text: 'hi' }, 'chat/channel_refused');
    },
  ],
  'chat/bad_talk': [
    () =>
      moves().err(
        'a',
        { type: 'chat', channel: 'public', text: 'hi', talk: { kind: 'need', issue: 'nope' } },
        'chat/bad_talk',
      ),
    () =>
      moves().err(
        'a',
        { type: 'chat', channel: 'public', text: 'hi', talk: { kind: 'live_with', issue: 'land', option: 'nope' } },
        'chat/bad_talk',
      ),
    () =>
      moves().err(
        'a',
        { type: 'chat', channel: 'bi:a:b', text: 'hi', talk: { kind: 'need', issue: 'land', to: 'c' } },
        'chat/bad_talk',
      ),
    () =>
      moves().err(
        'a',
        { type: 'chat', channel: 'public', text: 'hi', talk: { kind: 'what_if', terms: {} } },
        'chat/bad_talk',
      ),
  ],
  'event/unknown': [() => moves().err('facilitator', { type: 'inject', event: 'e9' }, 'event/unknown')],
  'timer/not_due': [
    () => moves().err('system', { type: 'tick' }, 'timer/not_due'), // untimed
    () => {
      const t = timed();
      t.ok('facilitator', { type: 'start' });
      t.now += 9999;
      t.err('system', { type: 'tick' }, 'timer/not_due');
    },
  ],
};

describe('every error code', () => {
  for (const [code, fns] of Object.entries(cases)) {
    it(`${code} is produced and leaves the state untouched`, () => {
      expect(fns.length).toBeGreaterThan(0);
      for (const fn of fns) fn();
    });
  }

  it('the engine never throws on an unknown seat or action, and the error is plain data', () => {
    const g = createGame(s, { seed: 3 });
    const r = applyAction(g, { type: 'pass' }, { scenario: s, seat: 'nobody', now: 0 });
    expect(r).toEqual({ ok: false, error: { code: 'seat/unknown', message: 'There is no seat called "nobody".' } });
  });
});
