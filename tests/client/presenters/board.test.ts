import { describe, expect, it } from 'vitest';
import type { PublicScenario } from '../../../shared/engine/view.js';
import { agendaRows } from '../../../client/presenters/agenda.js';
import { mapModel, TERRITORY_METER } from '../../../client/presenters/map.js';
import { gauges } from '../../../client/presenters/meters.js';
import { newsCard } from '../../../client/presenters/news.js';
import { tableModel, tableSummary } from '../../../client/presenters/table.js';
import { Game } from '../game.js';

function withTerritory(pub: PublicScenario): PublicScenario {
  return {
    ...pub,
    meters: [
      ...pub.meters,
      {
        id: TERRITORY_METER,
        label: 'Land held by Ukraine',
        description: 'Share held.',
        min: 0,
        max: 100,
        initial: 80,
        polarity: 'higher',
        source: 'test',
      },
    ],
  };
}

describe('agenda board', () => {
  it('lists open offers on each issue, then the settled clause', () => {
    const g = new Game().toMoves();
    g.act('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } });
    let rows = agendaRows(g.pub, g.view('b'));
    expect(rows.map((r) => r.title)).toEqual(['Guarantee', 'Land']);
    expect(rows[0].offers).toEqual([expect.objectContaining({ fromShort: 'A', option: 'Pledge', color: '#0072B2' })]);
    expect(rows[0].summary).toBe('Guarantee: open, 1 offer on the table.');
    // The observer sees no private offers.
    expect(agendaRows(g.pub, g.view('observer'))[0].offers).toEqual([]);
    const offer = g.state.offers[0].id;
    g.act('b', { type: 'accept', offer }).act('c', { type: 'accept', offer });
    rows = agendaRows(g.pub, g.view('observer'));
    expect(rows[0].settled).toEqual({ option: 'Pledge', round: 1, seq: 1 });
    expect(rows[1].settled?.option).toBe('Y');
    expect(rows[0].offers).toEqual([]);
    expect(rows[1].summary).toContain('settled on "Y" in round 1');
  });
});

describe('gauges', () => {
  it('place each meter on its range, colour it by polarity and show the last change', () => {
    const g = new Game();
    const before = g.view('a');
    g.act('facilitator', { type: 'start' });
    const now = g.view('a');
    const m = gauges(g.pub, now, before);
    expect(m.map((x) => x.id)).toEqual(['heat', 'trust', 'support']);
    const heat = m[0];
    expect(heat.fraction).toBeCloseTo(heat.value / 100);
    expect(heat.delta).toBe(heat.value - 50);
    expect(heat.tone).toBe('neutral');
    const pub = {
      ...g.pub,
      meters: g.pub.meters.map((x) => (x.id === 'trust' ? { ...x, polarity: 'higher' as const } : x)),
    };
    expect(gauges(pub, now).find((x) => x.id === 'trust')!.tone).toBe('bad');
  });
});

describe('map', () => {
  it('is drawn only when the scenario has a territory meter', () => {
    const g = new Game();
    expect(mapModel(g.pub, g.view('a'))).toBeNull();
    expect(mapModel(withTerritory(g.pub), null)).not.toBeNull();
  });

  it('moves the front so the share held matches the meter', () => {
    const g = new Game();
    const pub = withTerritory(g.pub);
    const at = (value: number) =>
      mapModel(pub, { ...g.view('a'), meters: { ...g.view('a').meters, [TERRITORY_METER]: value } })!;
    const m80 = at(80);
    const m60 = at(60);
    expect(m80.held).toBeCloseTo(0.8, 1);
    expect(m60.held).toBeCloseTo(0.6, 1);
    expect(m60.cells.filter((c) => c.occupied).length).toBeGreaterThan(m80.cells.filter((c) => c.occupied).length);
    // More land held pushes the line east.
    expect(m80.front[10][0]).toBeGreaterThan(m60.front[10][0]);
    expect(at(100).cells.every((c) => !c.occupied)).toBe(true);
  });
});

describe('news card and table summary', () => {
  it('shows the drawn card with its effects, keyed so it animates once', () => {
    const g = new Game();
    expect(newsCard(g.pub, g.view('a'))).toBeNull();
    g.act('facilitator', { type: 'start' });
    const n = newsCard(g.pub, g.view('a'))!;
    expect(['Storm', 'Calm']).toContain(n.title);
    expect(n.effects[0]).toMatch(/^Heat [+-]5$/);
    expect(n).toMatchObject({ round: 1, injected: false, key: `1:${g.state.event}` });
    g.act('facilitator', { type: 'inject', event: 'e1' });
    expect(newsCard(g.pub, g.view('a'))).toMatchObject({ injected: true, key: '2:e1', title: 'Storm' });
  });

  it('gives screen readers the seats, agenda, world and news in sentences', () => {
    const g = new Game();
    g.act('facilitator', { type: 'start' });
    const lines = tableSummary(tableModel(g.pub, g.view('a'), null, null));
    expect(lines[0]).toBe('Delegations: Role A, empty seat; Role B, empty seat; Role C, empty seat.');
    expect(lines[1]).toMatch(/^Agenda: 0 of 2 issues settled\./);
    expect(lines[2]).toMatch(/^World: Heat \d+, Trust 40, Support 60\.$/);
    expect(lines[3]).toMatch(/^News: /);
  });
});
