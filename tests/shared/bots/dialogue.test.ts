import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyAction,
  createGame,
  publicScenario,
  viewFor,
  type GameState,
  type View,
} from '../../../shared/engine/index.js';
import { answer, type Question } from '../../../shared/bots/dialogue.js';
import { parseTalk } from '../../../shared/bots/dialogue-parse.js';
import { agenda, leverReply, recap, tellPartner } from '../../../shared/bots/dialogue-initiative.js';
import { strategy } from '../../../shared/bots/strategies.js';
import type { BotInput } from '../../../shared/bots/types.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { loadScenarios } from '../../../server/scenarios.js';

const scenarios = loadScenarios();
const ukraine = scenarios.get('ukraine_peace_talks')!;
const harbour = scenarios.get('harbour_dispute')!;

function toTalks(s: Scenario, seed = 3): GameState {
  let g = createGame(s, { seed, phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 } });
  for (const a of [{ type: 'start' }, { type: 'advance' }] as const) {
    const r = applyAction(g, a, { scenario: s, seat: 'facilitator', now: 1000 });
    if (!r.ok) throw new Error(r.error.message);
    g = r.state;
  }
  expect(g.phase).toBe('talks');
  return g;
}

function input(s: Scenario, g: GameState, role: string, view?: View): BotInput {
  return {
    view: view ?? viewFor(s, g, role),
    scenario: publicScenario(s),
    strategy: strategy('linear'),
    memory: null,
    rng: 7,
  };
}

/** Every question kind on every issue and option, from `from` to `role`. */
function questions(s: Scenario, from: string): Question[] {
  const parties = s.roles.map((r) => r.id).filter((r) => r !== from);
  const out: Question[] = [];
  let n = 0;
  for (const i of s.issues) {
    out.push({ id: `m${n++}`, from, parties, act: { kind: 'need', issue: i.id } });
    for (const o of i.options) {
      out.push({ id: `m${n++}`, from, parties, act: { kind: 'live_with', issue: i.id, option: o.id } });
      out.push({ id: `m${n++}`, from, parties, act: { kind: 'in_return', issue: i.id, option: o.id } });
    }
  }
  out.push({
    id: `m${n}`,
    from,
    parties,
    act: { kind: 'what_if', terms: Object.fromEntries(s.issues.map((i) => [i.id, i.options[1].id])) },
  });
  return out;
}

/** Digits a delegation may say: only those already in the public scenario's titles, labels and names. */
function publicNumbers(s: Scenario): Set<string> {
  const text = [
    ...s.issues.flatMap((i) => [i.title, ...i.options.map((o) => o.label)]),
    ...s.roles.map((r) => r.name),
  ].join(' ');
  return new Set(text.match(/\d+/g) ?? []);
}

describe('dialogue answers', () => {
  for (const s of [ukraine, harbour]) {
    const g = toTalks(s);
    const allowedNumbers = publicNumbers(s);
    for (const role of s.roles) {
      const from = s.roles.find((r) => r.id !== role.id)!.id;
      it(`${s.id}/${role.id}: a red line is always called one, and no figure is ever said`, () => {
        const inp = input(s, g, role.id);
        for (const q of questions(s, from)) {
          const a = answer(inp, q);
          expect(a.text.length).toBeGreaterThan(0);
          expect(a.text.length).toBeLessThanOrEqual(500);
          for (const n of a.text.match(/\d+/g) ?? []) expect(allowedNumbers.has(n), `"${n}" in "${a.text}"`).toBe(true);
          const act = q.act;
          if (act.kind === 'live_with' || act.kind === 'in_return') {
            const red = role.redLines.includes(`${act.issue}.${act.option}`);
            expect(a.verdict === 'red_line', a.text).toBe(red);
            if (red)
              expect(a.text).toContain(
                s.issues.find((i) => i.id === act.issue)!.options.find((o) => o.id === act.option)!.label,
              );
          }
          if (act.kind === 'need') {
            const issue = s.issues.find((i) => i.id === act.issue)!;
            for (const o of issue.options)
              if (role.redLines.includes(`${issue.id}.${o.id}`)) expect(a.text).toContain(o.label);
          }
          if (act.kind === 'what_if') {
            const red = Object.entries(act.terms).some(([i, o]) => role.redLines.includes(`${i}.${o}`));
            expect(a.verdict === 'red_line').toBe(red);
          }
        }
      });
    }
  }

  it('a bot reads only its own view: the facilitator data in the view changes nothing', () => {
    const g = toTalks(ukraine);
    const inp = input(ukraine, g, 'russia');
    const god = { ...inp, view: { ...inp.view, all: viewFor(ukraine, g, 'facilitator').all } };
    for (const q of questions(ukraine, 'ukraine')) expect(answer(god, q)).toEqual(answer(inp, q));
  });

  it('answers are identical whatever the other seats secrets are (property)', () => {
    const g = toTalks(ukraine);
    const role = 'usa';
    const qs = questions(ukraine, 'ukraine');
    const before = qs.map((q) => answer(input(ukraine, g, role), q));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -40, max: 60 }), { minLength: 60, maxLength: 60 }),
        fc.integer({ min: -30, max: 30 }),
        fc.boolean(),
        (pts, shift, dropRed) => {
          let k = 0;
          const s2: Scenario = {
            ...ukraine,
            roles: ukraine.roles.map((r) =>
              r.id === role
                ? r
                : {
                    ...r,
                    confidential: { ...r.confidential, brief: 'changed', priorities: ['changed'] },
                    points: Object.fromEntries(
                      Object.entries(r.points).map(([i, t]) => [
                        i,
                        Object.fromEntries(Object.keys(t).map((o) => [o, pts[k++ % pts.length]])),
                      ]),
                    ),
                    redLines: dropRed ? [] : r.redLines,
                    walkAway: r.walkAway.map((w) => w + shift),
                  },
            ),
          };
          const after = qs.map((q) => answer(input(s2, g, role, viewFor(s2, g, role)), q));
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('answers are less forthcoming when trust is low and more when it is high', () => {
    const g = toTalks(harbour);
    const q: Question = {
      id: 'm1',
      from: 'south',
      parties: ['north', 'broker'],
      act: { kind: 'need', issue: 'berths' },
    };
    const at = (trust: number) => answer(input(harbour, { ...g, meters: { ...g.meters, trust } }, 'north'), q).text;
    const cool = at(5);
    const warm = at(95);
    const north = harbour.roles.find((r) => r.id === 'north')!;
    const best = Object.entries(north.points.berths).sort((a, b) => b[1] - a[1])[0][0];
    const bestLabel = harbour.issues[0].options.find((o) => o.id === best)!.label;
    expect(warm).toContain(bestLabel);
    expect(cool).not.toContain(bestLabel);
  });

  it("phrasing comes from the scenario's dialogue section when it has one", () => {
    const s: Scenario = {
      ...harbour,
      dialogue: {
        trust: [],
        lines: { whatif_red: ['Never: {option} on {issue}.'] },
        voices: { north: { open_cool: ['Hm.'] } },
      },
    };
    const g = toTalks(s);
    const north = s.roles.find((r) => r.id === 'north')!;
    const [issue, option] = north.redLines[0].split('.');
    const a = answer(input(s, g, 'north'), {
      id: 'm9',
      from: 'south',
      parties: ['north'],
      act: { kind: 'what_if', terms: { [issue]: option } },
    });
    expect(a.verdict).toBe('red_line');
    expect(a.text).toMatch(/Never: .* on /);
  });
});

describe('free text', () => {
  const pub = publicScenario(ukraine);
  const all = ukraine.roles.map((r) => r.id);
  it("understands questions that name the scenario's own issues and options", () => {
    expect(parseTalk(pub, 'What do you need on sanctions?', all)).toEqual({ kind: 'need', issue: 'sanctions' });
    expect(parseTalk(pub, 'Russia, could you live with armed neutrality?', all)).toEqual({
      kind: 'live_with',
      issue: 'alignment',
      option: 'armed_neutrality',
      to: 'russia',
    });
    expect(parseTalk(pub, 'What would you want in return for sanctions lifted?', all)).toEqual({
      kind: 'in_return',
      issue: 'sanctions',
      option: 'full_lifting',
    });
    expect(parseTalk(pub, 'What if: freeze on the line of contact, and a European pledge, US assurance', all)).toEqual({
      kind: 'what_if',
      terms: { territory: 'de_facto_line_of_contact', guarantees: 'european_pledge_us_assurance' },
    });
  });
  it('stays silent on lines it cannot read', () => {
    expect(parseTalk(pub, 'Good morning everyone', all)).toBeNull();
    expect(parseTalk(pub, 'Shall we have lunch?', all)).toBeNull();
    expect(parseTalk(pub, 'We like armed neutrality.', all)).toBeNull();
  });
});

describe('initiative', () => {
  it('proposes an agenda with the sequencing rule kept, tells a partner, answers a lever, recaps', () => {
    const g = toTalks(ukraine);
    const pub = publicScenario(ukraine);
    const view = viewFor(ukraine, g, 'ukraine');
    const a = agenda(view, pub, 'territory_group')!;
    expect(a.channel).toBe('wg:territory_group');
    const q = ukraine.mechanics.sequencing!;
    const t = (id: string) => ukraine.issues.find((i) => i.id === id)!.title;
    if (a.text.includes(t(q.later)) && a.text.includes(t(q.first)))
      expect(a.text.indexOf(t(q.first))).toBeLessThan(a.text.indexOf(t(q.later)));
    expect(agenda(view, pub, 'nuclear_stability')).toBeNull(); // not a member
    const p = tellPartner(view, pub)!;
    expect(p.channel.startsWith('bi:')).toBe(true);
    for (const n of p.text.match(/\d+/g) ?? []) expect(publicNumbers(ukraine).has(n)).toBe(true);
    const l = leverReply(view, pub, 'russia', 'Strike the grid')!;
    expect(l.channel).toBe('bi:russia:ukraine');
    expect(recap(pub, 'ukraine', [], [])).toMatch(/away/);
    expect(recap(pub, 'ukraine', ['We are after X.'], ['passed'])).toContain('passed');
  });
});
