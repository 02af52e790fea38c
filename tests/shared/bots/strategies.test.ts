import { describe, expect, it } from 'vitest';
import { publicScenario, viewFor } from '../../../shared/engine/index.js';
import { learn } from '../../../shared/bots/opponent-model.js';
import { search } from '../../../shared/bots/packages.js';
import { aspiration, strategy } from '../../../shared/bots/strategies.js';
import { selfOf } from '../../../shared/bots/utility.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { run, toMoves } from './helpers.js';

describe('concession curves', () => {
  it('Boulware holds out, Conceder gives early, all end at the reservation', () => {
    const res = 0.3;
    const at = (name: 'boulware' | 'conceder' | 'linear', t: number) => aspiration(strategy(name), t, res, 0);
    expect(at('boulware', 0)).toBeCloseTo(1);
    expect(at('conceder', 0)).toBeCloseTo(1);
    expect(at('boulware', 0.5)).toBeGreaterThan(at('linear', 0.5));
    expect(at('linear', 0.5)).toBeGreaterThan(at('conceder', 0.5));
    for (const n of ['boulware', 'conceder', 'linear'] as const) expect(at(n, 1)).toBeCloseTo(res);
    for (let t = 0; t < 1; t += 0.1) expect(at('linear', t + 0.1)).toBeLessThanOrEqual(at('linear', t));
  });

  it('tit-for-tat mirrors the others\u2019 concessions and still reaches its reservation', () => {
    const tft = strategy('tft');
    expect(aspiration(tft, 0.2, 0.3, 0.4)).toBeLessThan(aspiration(tft, 0.2, 0.3, 0));
    expect(aspiration(tft, 1, 0.3, 0)).toBeCloseTo(0.3);
  });
});

describe('opponent model and trade-off search', () => {
  const s = miniScenario();
  const pub = publicScenario(s);

  it('learns where another delegation stands from what it proposed and rejected', () => {
    let state = toMoves(s);
    // a asks for land x; b counters with z.
    state = run(s, state, [
      ['a', { type: 'propose', to: ['b'], terms: { land: 'x' } }],
      ['b', { type: 'counter', offer: 'o1', terms: { land: 'z' } }],
    ]);
    const model = learn(viewFor(s, state, 'a'), pub, 'a');
    const [x, , z] = model.b.value.land;
    expect(z).toBeGreaterThan(x);
    // c did nothing in a's sight: a knows nothing about it.
    expect(new Set(model.c.value.land).size).toBe(1);
  });

  it('keeps its own level and gives the recipients what they seem to want where it costs least', () => {
    let state = toMoves(s);
    state = run(s, state, [['a', { type: 'propose', to: ['b'], terms: { land: 'y', guard: 'q' } }]]);
    const viewC = viewFor(s, state, 'c');
    const me = selfOf(viewC, pub);
    const model = learn(viewC, pub, 'c');
    // c values land z 50, y 30, x 10 and guard p 10, q 20: its range is 20..70.
    const full = search({ me, s: pub, issues: ['land', 'guard'], level: 1, recipients: ['a'], model, rng: 1 });
    expect(full.terms).toEqual({ land: 'z', guard: 'q' });
    const half = search({ me, s: pub, issues: ['land', 'guard'], level: 0.5, recipients: ['a'], model, rng: 1 });
    expect(half.own).toBeGreaterThanOrEqual(45);
    expect(half.appeal).toBeGreaterThanOrEqual(full.appeal);
  });
});
