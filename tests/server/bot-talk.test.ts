import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, View } from '../../shared/engine/index.js';
import type { BotNote, BotRecap } from '../../shared/protocol.js';
import type { RunningServer } from '../../server/app.js';
import { bootServer, createTable, Player, requireScenario, testScenarios, until } from './helpers.js';

const UNTIMED = { news: 0, talks: 0, moves: 0, resolution: 0 };
const DELAY = 300;
const scenarios = testScenarios();
const harbour = requireScenario(scenarios, 'harbour_dispute');
let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios, graceSeconds: 1, rateLimit: { perSecond: 1000, burst: 1000 } });
});
afterAll(() => srv?.stop());

const notesOf = (p: Player) => p.others.filter(([t]) => t === 'botNote').map(([, n]) => n as BotNote);
const replyTo = (v: View, id: string, from: string) =>
  v.chat.find((m) => m.from === from && m.talk?.kind === 'reply' && m.talk.re === id);
const label = (issue: string, option: string) =>
  harbour.issues.find((i) => i.id === issue)!.options.find((o) => o.id === option)!.label;

/** South is a person; North and the Broker are bots. Returns the person in the talks phase, and the facilitator. */
async function soloTable(seed: number, extra: Record<string, unknown> = {}) {
  const created = await createTable(srv, {
    scenario: harbour.id,
    seed,
    selfStart: true,
    phaseSeconds: UNTIMED,
    bots: ['north', 'broker'],
    botDelayMs: DELAY,
    ...extra,
  });
  const boss = await Player.join(
    srv,
    created.roomId,
    { role: 'facilitator', name: 'Chair', facilitatorKey: created.facilitatorKey },
    'facilitator',
  );
  const me = await Player.join(srv, created.roomId, { role: 'south', name: 'Sam', playerId: `pid-${seed}` }, 'south');
  await me.waitView((v) => v.phase === 'setup');
  await me.must({ type: 'ready' });
  await me.waitView((v) => v.phase === 'news', 'the news');
  await me.must({ type: 'ready' });
  await me.waitView((v) => v.phase === 'talks', 'the talks');
  return { created, boss, me };
}

/** Posts a line and returns its message id as the sender's view shows it. */
async function say(
  p: Player,
  channel: string,
  text: string,
  talk?: ChatMessage['talk'],
): Promise<{ id: string; at: number }> {
  await p.must({ type: 'chat', channel, text, ...(talk ? { talk } : {}) } as never);
  // The bot's timer starts when the line is committed, just before this ack.
  const at = Date.now();
  const v = await p.waitView((v) => v.chat.some((m) => m.from === p.view.seat && m.text === text), 'its own line');
  return { id: v.chat.filter((m) => m.from === v.seat && m.text === text).at(-1)!.id, at };
}

describe('bots in the talks of a live table', () => {
  it('a bot answers a structured question in its bilateral channel within its delay, from its own brief', async () => {
    const { me, boss } = await soloTable(21);
    const north = harbour.roles.find((r) => r.id === 'north')!;
    const [issue, option] = north.redLines[0].split('.');
    const q = await say(me, 'bi:north:south', `Could you live with ${label(issue, option)}?`, {
      kind: 'live_with',
      issue,
      option,
      to: 'north',
    });
    const v = await me.waitView((v) => !!replyTo(v, q.id, 'north'), "North's answer");
    const elapsed = Date.now() - q.at;
    // 0.5-1.5 x the delay, plus the room clock's tick, the round trip and a loaded machine's lag
    // (well under the 2.5 s default delay, so the table's own setting is what counts).
    expect(elapsed).toBeLessThan(1.5 * DELAY + 900);
    const a = replyTo(v, q.id, 'north')!;
    expect(a.channel).toBe('bi:north:south');
    expect(a.talk).toEqual({ kind: 'reply', re: q.id, verdict: 'red_line' });
    expect(a.text).toContain(label(issue, option));
    expect(a.text).toMatch(/red line/i);
    // The Broker is not in that channel and says nothing there.
    expect(v.chat.some((m) => m.from === 'broker' && m.channel === 'bi:north:south')).toBe(false);
    // The facilitator sees the bot's private reason for the line; the student never does.
    await until(() => notesOf(boss).some((n) => n.action === 'talk' && n.reason === a.text), 'a talk note');
    const note = notesOf(boss).find((n) => n.action === 'talk' && n.reason === a.text)!;
    expect(note.channel).toBe('bi:north:south');
    expect(note.reasoning).toMatch(/red line/);
    expect(notesOf(me)).toEqual([]);
  });

  it('every bot in the channel sounds out a floated package; free text naming a delegation gets only its answer', async () => {
    const { me } = await soloTable(22);
    const terms = { berths: 'equal_split', dues: 'pooled_fund', authority: 'joint_board' };
    const q = await say(me, 'public', 'What if: equal split, pooled fund and a joint board?', {
      kind: 'what_if',
      terms,
    });
    const v = await me.waitView((v) => !!replyTo(v, q.id, 'north') && !!replyTo(v, q.id, 'broker'), 'both answers');
    for (const r of ['north', 'broker']) {
      const a = replyTo(v, q.id, r)!;
      expect(a.channel).toBe('public');
      expect(['yes', 'change', 'no', 'red_line']).toContain(a.talk?.kind === 'reply' ? a.talk.verdict : null);
      expect(a.text).not.toMatch(/\d/);
    }
    const free = await say(me, 'public', 'Broker, what do you need on the harbour dues?');
    const v2 = await me.waitView(
      (v) => v.chat.some((m) => m.from === 'broker' && m.talk?.kind === 'reply' && m.talk.re === free.id),
      "the Broker's answer",
    );
    const answer = v2.chat.find((m) => m.talk?.kind === 'reply' && m.talk.re === free.id)!;
    expect(answer.text).toMatch(/dues/i);
    await new Promise((r) => setTimeout(r, 2 * DELAY));
    expect(me.view.chat.some((m) => m.from === 'north' && m.talk?.kind === 'reply' && m.talk.re === free.id)).toBe(
      false,
    );
  });

  it('a bot takes the initiative in the talks, and never more than its budget in one phase', async () => {
    const { me, created } = await soloTable(23);
    // North is in the harbour masters' group with the person: it proposes an agenda there, and tells a partner what it is after.
    await me.waitView((v) => v.chat.some((m) => m.from === 'north' && m.channel === 'wg:harbour_masters'), 'an agenda');
    // Many questions in a row: a bot answers at most four per phase.
    for (let i = 0; i < 7; i++)
      await say(me, 'bi:north:south', `North, what do you need on berths? (${i})`, { kind: 'need', issue: 'berths' });
    await new Promise((r) => setTimeout(r, 8 * 1.5 * DELAY));
    const answers = me.view.chat.filter((m) => m.from === 'north' && m.talk?.kind === 'reply' && m.round === 1);
    expect(answers.length).toBe(4);
    expect(me.view.phase).toBe('talks');
    void created;
  });

  it('a bot answers a lever a person pulled against it, on their bilateral channel', async () => {
    const { me, boss } = await soloTable(25);
    await me.must({ type: 'ready' });
    await me.waitView((v) => v.phase === 'moves' && v.turn === 'south', "South's turn");
    await me.must({ type: 'lever', lever: 'rival_quay' }); // lowers North's walk-away, and the Broker's not at all
    const v = await me.waitView(
      (v) => v.chat.some((m) => m.from === 'north' && m.channel === 'bi:north:south' && /South Town/.test(m.text)),
      "North's reply to the lever",
    );
    expect(v.chat.some((m) => m.from === 'broker' && /South Town/.test(m.text) && /quay/i.test(m.text))).toBe(false);
    await until(
      () => notesOf(boss).some((n) => n.action === 'talk' && /lowered our walk-away/.test(n.reasoning)),
      'the reason for the facilitator',
    );
  });

  it('a stand-in tells its returning student what it said and did', async () => {
    const { me, created } = await soloTable(24, { standIn: true });
    await me.leave();
    // The grace is 1 s: then a stand-in bot covers the South.
    const boss = await Player.join(srv, created.roomId, { role: 'observer', name: 'Watch' }, 'observer');
    await until(
      () => (boss.room.state as unknown as { seats?: Map<string, { bot: boolean }> }).seats?.get('south')?.bot === true,
      'a stand-in',
      8000,
    );
    const back = await Player.join(srv, created.roomId, { role: 'south', name: 'Sam', playerId: 'pid-24' }, 'back');
    await until(() => back.others.some(([t]) => t === 'botRecap'), 'the recap', 5000);
    const recap = back.others.find(([t]) => t === 'botRecap')![1] as BotRecap;
    expect(recap.seat).toBe('south');
    expect(recap.text).toMatch(/away/);
    expect(boss.others.some(([t]) => t === 'botRecap')).toBe(false);
  });
});
