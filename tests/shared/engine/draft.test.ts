import { describe, expect, it } from 'vitest';
import { createGame, type GameState } from '../../../shared/engine/index.js';
import { changedBesideLogs, own, withDraft } from '../../../shared/engine/draft.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';

const fresh = (): GameState => createGame(miniScenario(), { seed: 1 });

describe('copy-on-write drafts (each action marks only its own copies)', () => {
  it('copies a nested value once per action; the next state is frozen and carries no trace of the action', () => {
    const before = fresh();
    const r = withDraft(before, (d) => {
      const a = own(d, 'ready');
      expect(own(d, 'ready')).toBe(a);
      a.push('a');
    });
    expect(before.ready).toEqual([]);
    expect(r.state.ready).toEqual(['a']);
    expect(Object.getOwnPropertySymbols(r.state)).toEqual([]);
    expect(Object.getOwnPropertySymbols(r.state.ready)).toEqual([]);
    expect(Object.isFrozen(r.state.ready)).toBe(true);
  });

  it('refuses own() outside an action, and on a value the action shares with the state it started from', () => {
    const st = withDraft(fresh(), (d) => void own(d, 'ready').push('a')).state;
    expect(() => own(st, 'ready')).toThrow(/outside withDraft/);
    withDraft(st, (d) => {
      expect(() => own(d.leversUsed, 'a')).toThrow(/outside withDraft/);
    });
  });

  it('keeps two drafts apart when one runs inside the other', () => {
    const outer = fresh();
    const r = withDraft(outer, (d) => {
      own(d, 'ready').push('a');
      const inner = withDraft(outer, (e) => void own(e, 'moved').push('b'));
      // The inner action's copies are not writable by the outer one.
      expect(() => own(inner.state.moved as unknown as { x: number }, 'x')).toThrow();
      own(d, 'ready').push('c');
    });
    expect(r.state.ready).toEqual(['a', 'c']);
    expect(r.state.moved).toEqual([]);
  });

  it('a state built by hand: its nested values are copied, not changed', () => {
    const st = fresh();
    const ready = st.ready;
    const r = withDraft(st, (d) => void own(d, 'ready').push('b'));
    expect(ready).toEqual([]);
    expect(r.state.ready).toEqual(['b']);
  });

  it('a change to any one key of the state is a new state; no change is the same state', () => {
    const st = fresh();
    expect(withDraft(st, () => undefined).state).toBe(st);
    for (const k of Object.keys(st) as (keyof GameState)[]) {
      const r = withDraft(st, (d) => void ((d as unknown as Record<string, unknown>)[k] = { changed: k }));
      expect(r.state, k).not.toBe(st);
      expect(r.state[k], k).toEqual({ changed: k });
      // The logs and their id counters are all a view does not read from the rest of the state.
      expect(changedBesideLogs(st, r.state), k).toBe(!['chat', 'timeline', 'nextId', 'nextPrivateId'].includes(k));
    }
  });

  it('an action that reports an error leaves the state as it was', () => {
    const st = fresh();
    const r = withDraft(st, (d) => {
      own(d, 'ready').push('a');
      return 'refused';
    });
    expect(r).toEqual({ state: st, error: 'refused' });
  });
});
