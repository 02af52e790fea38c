import { describe, expect, it } from 'vitest';
import { firstRoundHint, PAUSED_NOW, signConfirmText } from '../../../client/presenters/hints.js';
import {
  formatDuration,
  matchingPreset,
  playSeconds,
  presetFor,
  PRESETS,
  totalTimeText,
} from '../../../client/presenters/presets.js';
import { SHORT_RULES } from '../../../client/presenters/rules.js';
import { Game } from '../game.js';

describe('session presets', () => {
  it('fit their sessions: at most 32 min of play for a 50-minute class, 64 for a 90-minute seminar, 11 for a demo (four delegations)', () => {
    const minutes = PRESETS.map((p) => Math.round(playSeconds(p.rounds, p.phaseSeconds, 4)! / 60));
    expect(minutes).toEqual([32, 64, 11]);
    // A class and a seminar keep 8 minutes for the briefs and 10 for the debrief; a demo is play only.
    expect(minutes[0] + 18).toBeLessThanOrEqual(PRESETS[0].sessionMinutes);
    expect(minutes[1] + 18).toBeLessThanOrEqual(PRESETS[1].sessionMinutes);
    expect(minutes[2]).toBeLessThanOrEqual(PRESETS[2].sessionMinutes);
  });

  it('never ask for more rounds than the scenario allows, and are recognised from the fields', () => {
    const seminar = PRESETS.find((p) => p.id === 'seminar90')!;
    expect(presetFor(seminar, 4).rounds).toBe(4);
    expect(matchingPreset(4, seminar.phaseSeconds, 4)).toBe('seminar90');
    expect(matchingPreset(5, { news: 15, talks: 180, moves: 45, resolution: 10 }, 12)).toBe('class50');
    expect(matchingPreset(5, { news: 15, talks: 181, moves: 45, resolution: 10 }, 12)).toBeNull();
  });

  it('say the total time, or that a table without timers has no limit', () => {
    expect(totalTimeText(5, { news: 15, talks: 180, moves: 45, resolution: 10 }, 4)).toMatch(
      /^Total play time at most 32 min \(5 rounds of up to 6 min\)/,
    );
    expect(totalTimeText(3, { news: 0, talks: 60, moves: 20, resolution: 5 }, 4)).toMatch(/^No time limit/);
    expect([formatDuration(45), formatDuration(600), formatDuration(3840)]).toEqual(['45 s', '10 min', '1 h 04 min']);
  });
});

describe('the first-round hint strip', () => {
  it('says the phase and the one thing to do, for a delegation in round 1 only', () => {
    const g = new Game();
    expect(firstRoundHint(g.pub, g.view('a'), true)?.now).toMatch(/press Ready/);
    expect(firstRoundHint(g.pub, g.view('a'), false)?.now).toMatch(/facilitator opens the talks/);
    expect(firstRoundHint(g.pub, g.view('a'), false, true)?.now).toMatch(/You created this table: start the talks/);
    g.toMoves();
    const turn = g.view('facilitator').turn!;
    expect(firstRoundHint(g.pub, g.view(turn), false)?.now).toMatch(/^Your turn: propose in the Offer tab/);
    const other = ['a', 'b', 'c'].find((r) => r !== turn)!;
    expect(firstRoundHint(g.pub, g.view(other), false)?.now).toMatch(
      /Wait for your turn: Role . moves now. An offer counts only when every recipient accepts it/,
    );
    expect(firstRoundHint(g.pub, g.view('facilitator'), false)).toBeNull();
    expect(firstRoundHint(g.pub, g.view('observer'), false)).toBeNull();
    // Paused: the strip keeps the phase and says the table waits, not "Your turn".
    g.act('facilitator', { type: 'pause' });
    expect(firstRoundHint(g.pub, g.view(turn), false)).toMatchObject({
      phase: expect.stringMatching(/Moves/),
      now: PAUSED_NOW,
    });
    g.act('facilitator', { type: 'resume' });
    expect(firstRoundHint(g.pub, g.view(turn), false)?.now).toMatch(/^Your turn/);
    // Round 2: no more hints.
    while (g.state.round === 1) g.act('facilitator', { type: 'advance' });
    expect(firstRoundHint(g.pub, g.view('a'), false)).toBeNull();
  });

  it('the sign confirmation says it cannot be taken back, what the settled clauses are worth against walking away, and who must still sign', () => {
    const g = new Game().toMoves();
    const text = signConfirmText(g.pub, g.view('a'));
    expect(text).toMatch(
      /^Sign the framework agreement\? Signing does not use your move, but it cannot be taken back\./,
    );
    expect(text).toMatch(
      /The settled clauses are worth -?\d+(\.\d+)? points to you, \d+(\.\d+)? (above|below) your walk-away value of \d+/,
    );
    expect(text).toMatch(/the other 2 delegations sign too/);
  });
});

describe('the short rules', () => {
  it('answer what a first class trips on: every recipient must accept, one formal move a round, guarantees before territory, the chat limit', () => {
    const all = SHORT_RULES.flatMap((s) => s.points).join(' ');
    expect(all).toMatch(/every delegation it was sent to accepts it/);
    expect(all).toMatch(/one formal move/);
    expect(all).toMatch(/security guarantees before territory/);
    expect(all).toMatch(/500 characters/);
  });
});
