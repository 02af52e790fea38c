import { describe, expect, it } from 'vitest';
import { paretoFrontier } from '../../../shared/analysis/pareto.js';
import { tableDebrief } from '../../../shared/analysis/debrief.js';
import {
  csvField,
  EVENT_LOG_FORMAT,
  eventLogJson,
  scoresCsv,
  settlementsCsv,
} from '../../../shared/analysis/exports.js';
import { replay } from '../../../shared/engine/index.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { lastOffer, play } from './play.js';

const s = miniScenario();

function game() {
  return play(s, [
    ['facilitator', { type: 'start' }],
    ['facilitator', { type: 'advance' }],
    ['facilitator', { type: 'advance' }],
    ['a', { type: 'propose', to: ['b'], terms: { land: 'z' } }],
    ['b', (st) => ({ type: 'accept', offer: lastOffer(st) })],
    ['facilitator', { type: 'end' }],
  ]);
}

describe('scoresCsv', () => {
  it('has the documented header and one row per table and delegation', () => {
    const { state } = game();
    const d = tableDebrief(
      s,
      { code: 'ABC234', state, players: { a: ['Ann', 'Bo, Jr.'], b: ['=SUM(A1)'] } },
      paretoFrontier(s),
    );
    const lines = scoresCsv('CLS999', [d]).split('\r\n');
    expect(lines[0]).toBe(
      'class_code,table_code,scenario_id,outcome,end_round,rounds,durability,war_resumed,sequencing_broken,role_id,role_name,players,deal_points,walk_away,war_cost,score,no_deal_score,gain,table_on_frontier,table_value_left',
    );
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[4]).toBe('');
    const a = d.roles[0];
    expect(lines[1]).toBe(
      `CLS999,ABC234,mini,ended,1,3,,,true,a,Role A,"Ann; Bo, Jr.",,${a.walkAway},${a.warCost},${a.score},${a.noDealScore},0,false,${d.pareto!.valueLeft}`,
    );
    expect(lines[2]).toContain(",'=SUM(A1),");
  });
});

describe('settlementsCsv', () => {
  it('has the documented header and one row per table and issue', () => {
    const d = tableDebrief(s, { code: 'ABC234', state: game().state }, null);
    const lines = settlementsCsv(null, [d]).split('\r\n');
    expect(lines[0]).toBe(
      'class_code,table_code,scenario_id,outcome,issue_id,issue_title,option_id,option_label,how,round,seq',
    );
    expect(lines[1]).toBe(',ABC234,mini,ended,guard,Guarantee,,,open,,');
    expect(lines[2]).toBe(',ABC234,mini,ended,land,Land,z,Z,settled,1,1');
  });
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });
});

describe('eventLogJson', () => {
  it('holds every accepted action, enough to replay the table exactly', () => {
    const { state, log } = game();
    const text = eventLogJson({ classCode: 'CLS999', exportedAt: Date.UTC(2025, 0, 2) }, [
      {
        code: 'ABC234',
        scenarioId: 'mini',
        options: { seed: 7 },
        createdAt: Date.UTC(2025, 0, 1),
        finishedAt: null,
        players: { a: ['Ann'] },
        actions: log,
      },
    ]);
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({
      format: EVENT_LOG_FORMAT,
      version: 1,
      classCode: 'CLS999',
      exportedAt: '2025-01-02T00:00:00.000Z',
    });
    expect(doc.tables[0]).toMatchObject({
      code: 'ABC234',
      createdAt: '2025-01-01T00:00:00.000Z',
      finishedAt: null,
      players: { a: ['Ann'] },
    });
    expect(doc.tables[0].actions).toHaveLength(log.length);
    expect(replay(s, doc.tables[0].options, doc.tables[0].actions)).toEqual(state);
  });
});
