import { promise } from '../../shared/bots/bot.js';
import { answer, type Question } from '../../shared/bots/dialogue.js';
import { agenda, leverReply, recap, tellPartner, type Initiative } from '../../shared/bots/dialogue-initiative.js';
import { parseTalk } from '../../shared/bots/dialogue-parse.js';
import type { BotMemory, Strategy } from '../../shared/bots/types.js';
import {
  CHAT_MAX,
  channelMembers,
  entries,
  publicScenario,
  viewFor,
  walkAwayValue,
} from '../../shared/engine/index.js';
import type {
  Action,
  ChatMessage,
  GameState,
  PublicScenario,
  RoleId,
  TalkAct,
  TimelineEntry,
} from '../../shared/engine/index.js';
import { size } from '../../shared/engine/chunked.js';
import { seesChat, seesEntry } from '../../shared/engine/view.js';
import type { BotNote } from '../../shared/protocol.js';
import type { BotHost, Timer } from './bot-seats.js';

/** Answers a bot gives per phase, and lines it says on its own initiative per phase. */
export const ANSWERS_PER_PHASE = 4;
export const INITIATIVE_PER_PHASE = 2;

/** What the talk side needs from the seats: who is a bot, its strategy and memory, the human-like delay, its formal notes. */
export interface TalkSeats {
  brain(role: RoleId): { strategy: Strategy; memory: BotMemory; rng: number } | null;
  delay(g: GameState): number;
  notes(): readonly BotNote[];
}

type Pending =
  | { kind: 'answer'; msg: ChatMessage; act: Exclude<TalkAct, { kind: 'reply' }> }
  | { kind: 'agenda'; group: string }
  | { kind: 'after' }
  | { kind: 'lever'; puller: RoleId; lever: string };

interface Talker {
  role: RoleId;
  since: number;
  chatRead: number;
  timelineRead: number;
  walkAway: number;
  queue: Pending[];
  timer: Timer | null;
  /** Lines said, per "round:phase" (all), and how many of them on its own initiative (own). */
  spent: Map<string, { all: number; own: number }>;
  done: Set<string>;
  said: string[];
}

/**
 * The bots' side of the talks at one live table: they answer questions put to them (structured
 * talk acts or free text naming the scenario's terms), open talks themselves (a working-group
 * agenda, what they are after, an answer to a lever that hurt them) and, leaving a seat, tell the
 * returning people what they said and did. Each line goes through the table's commit path as a
 * `chat` action, after the same human-like delay as a formal move, within a per-phase budget.
 */
export class BotTalk {
  private talkers = new Map<RoleId, Talker>();
  private pub: PublicScenario;
  /** Lines said and skipped (tests and logs). */
  readonly stats = { said: 0, skipped: 0 };

  constructor(
    private host: BotHost,
    private seats: TalkSeats,
  ) {
    this.pub = publicScenario(host.scenario);
  }

  /** A bot took a seat: it listens from now on (it does not answer what was said before). */
  join(role: RoleId): void {
    const g = this.host.game();
    this.talkers.set(role, {
      role,
      since: Date.now(),
      chatRead: size(g.chat),
      timelineRead: size(g.timeline),
      walkAway: walkAwayValue(this.host.scenario, g, role),
      queue: [],
      timer: null,
      spent: new Map(),
      done: new Set(),
      said: [],
    });
  }

  /** A bot left a seat: its pending lines are dropped; the people now at the seat hear what it said and did. */
  leave(role: RoleId): void {
    const t = this.talkers.get(role);
    if (!t) return;
    t.timer?.clear();
    this.talkers.delete(role);
    const did = this.seats
      .notes()
      .filter((n) => n.seat === role && n.at >= t.since && n.action !== 'talk')
      .map((n) => `${n.action} (round ${n.round}): ${n.reason}`);
    const text = recap(this.pub, role, t.said, did);
    // Sent a moment later, so it reaches the client after its welcome.
    this.host.schedule(() => this.host.toSeat?.(role, { seat: role, text }), 1000);
  }

  dispose(): void {
    for (const t of this.talkers.values()) t.timer?.clear();
    this.talkers.clear();
  }

  /** After any change: read what is new for each bot, queue its answers and initiative, start its timer. */
  wake(): void {
    const g = this.host.game();
    for (const t of this.talkers.values()) {
      this.listen(t, g);
      this.initiative(t, g);
      if (!t.timer && t.queue.length && g.phase !== 'ended' && !g.paused)
        t.timer = this.host.schedule(() => void this.fire(t), this.seats.delay(g));
    }
  }

  private isBot(role: string): boolean {
    return this.talkers.has(role);
  }

  private listen(t: Talker, g: GameState): void {
    const s = this.host.scenario;
    const chat = entries(g.chat, t.chatRead);
    t.chatRead += chat.length;
    for (const m of chat) {
      // Bots answer people, never each other, and only in channels they can read.
      if (m.from === t.role || this.isBot(m.from) || !s.roles.some((r) => r.id === m.from) || !seesChat(s, t.role, m))
        continue;
      const members = channelMembers({ scenario: s }, m.channel) ?? s.roles.map((r) => r.id);
      const act = m.talk
        ? m.talk.kind === 'reply'
          ? null
          : m.talk
        : parseTalk(
            this.pub,
            m.text,
            members.filter((r) => r !== m.from),
          );
      if (!act || (act.to && act.to !== t.role)) continue;
      // Answers go before the bot's own initiative.
      const at = t.queue.findIndex((p) => p.kind !== 'answer');
      t.queue.splice(at < 0 ? t.queue.length : at, 0, { kind: 'answer', msg: m, act });
    }
    const tl = entries(g.timeline, t.timelineRead);
    t.timelineRead += tl.length;
    const now = walkAwayValue(s, g, t.role);
    const hurt = now < t.walkAway;
    t.walkAway = now;
    for (const e of tl)
      if (hurt && this.leverAgainst(t, e))
        t.queue.push({ kind: 'lever', puller: e.seat, lever: e.text.replace(/^[^:]*:\s*/, '').replace(/\.$/, '') });
  }

  private leverAgainst(t: Talker, e: TimelineEntry): boolean {
    const s = this.host.scenario;
    return (
      e.kind === 'lever' &&
      e.seat !== t.role &&
      !this.isBot(e.seat) &&
      s.roles.some((r) => r.id === e.seat) &&
      seesEntry(s, t.role, e) &&
      !t.done.has(`lever:${e.round}:${e.seat}`)
    );
  }

  /** In the talks: an agenda for each working group with a person in it (round 1, the group's first bot), and what it is after (once a round). */
  private initiative(t: Talker, g: GameState): void {
    const s = this.host.scenario;
    // Nobody to talk to at an all-bot table: no initiative, no extra turn in the queue.
    if (g.phase !== 'talks' || s.roles.every((r) => r.id === t.role || this.isBot(r.id))) return;
    const withPerson = (members: RoleId[]) => members.some((r) => r !== t.role && !this.isBot(r));
    for (const wg of s.workingGroups) {
      const key = `agenda:${wg.id}`;
      if (g.round !== 1 || t.done.has(key) || !wg.members.includes(t.role) || !withPerson(wg.members)) continue;
      if (wg.members.find((r) => this.isBot(r)) !== t.role) continue;
      t.done.add(key);
      t.queue.push({ kind: 'agenda', group: wg.id });
    }
    const key = `after:${g.round}`;
    if (!t.done.has(key)) {
      t.done.add(key);
      t.queue.push({ kind: 'after' });
    }
  }

  private budget(t: Talker, g: GameState) {
    const key = `${g.round}:${g.phase}`;
    let b = t.spent.get(key);
    if (!b) t.spent.set(key, (b = { all: 0, own: 0 }));
    return b;
  }

  /** One line: the first queued item still worth saying, worked out on the state at its turn in the queue. */
  private async fire(t: Talker): Promise<void> {
    t.timer = null;
    const made: { line?: { action: Action; reason: string; text: string }; round?: number; phase?: string } = {};
    const r = await this.host.commit(t.role, (g) => {
      if (this.talkers.get(t.role) !== t) return null;
      while (t.queue.length) {
        const p = t.queue.shift()!;
        const b = this.budget(t, g);
        const own = p.kind !== 'answer';
        if (own ? b.own >= INITIATIVE_PER_PHASE : b.all - b.own >= ANSWERS_PER_PHASE) {
          this.stats.skipped += 1;
          continue;
        }
        const line = this.compose(t, g, p);
        if (!line) continue;
        b.all += 1;
        if (own) b.own += 1;
        Object.assign(made, { line, round: g.round, phase: g.phase });
        return line.action;
      }
      return null;
    });
    if (r.status === 'done' && made.line) {
      this.stats.said += 1;
      t.said.push(made.line.text);
      const a = made.line.action as Extract<Action, { type: 'chat' }>;
      this.host.toFacilitators({
        seat: t.role,
        round: made.round!,
        phase: made.phase!,
        action: 'talk',
        channel: a.channel,
        reason: made.line.text,
        reasoning: made.line.reason,
        at: Date.now(),
      });
    }
    if (this.talkers.get(t.role) === t && t.queue.length && !t.timer)
      t.timer = this.host.schedule(() => void this.fire(t), this.seats.delay(this.host.game()));
  }

  private compose(t: Talker, g: GameState, p: Pending): { action: Action; reason: string; text: string } | null {
    const s = this.host.scenario;
    const brain = this.seats.brain(t.role);
    if (!brain) return null;
    const view = viewFor(s, g, t.role);
    const chat = (channel: string, text: string, reason: string, talk?: TalkAct) => {
      const body = text.trim().slice(0, CHAT_MAX);
      return body
        ? { action: { type: 'chat' as const, channel, text: body, ...(talk ? { talk } : {}) }, reason, text: body }
        : null;
    };
    if (p.kind === 'answer') {
      const members = channelMembers({ scenario: s }, p.msg.channel) ?? s.roles.map((r) => r.id);
      const q: Question = {
        id: p.msg.id,
        from: p.msg.from,
        parties: members.filter((r) => r !== p.msg.from),
        act: p.act,
      };
      const a = answer({ view, scenario: this.pub, strategy: brain.strategy, memory: brain.memory, rng: brain.rng }, q);
      // A bot keeps its word: proposed as floated, a package it called acceptable is the first it accepts.
      if (p.act.kind === 'what_if' && a.verdict === 'yes')
        brain.memory = promise(brain.memory, q.from, q.parties, p.act.terms);
      return chat(p.msg.channel, a.text, `Answering ${p.msg.from} (${p.act.kind}): ${a.reason}`, {
        kind: 'reply',
        re: p.msg.id,
        ...(a.verdict ? { verdict: a.verdict } : {}),
      });
    }
    if (p.kind === 'lever') t.done.add(`lever:${g.round}:${p.puller}`);
    const i: Initiative | null =
      p.kind === 'agenda'
        ? agenda(view, this.pub, p.group)
        : p.kind === 'after'
          ? g.phase === 'talks'
            ? tellPartner(view, this.pub, [...this.talkers.keys()])
            : null
          : leverReply(view, this.pub, p.puller, p.lever);
    return i ? chat(i.channel, i.text, i.reason) : null;
  }
}
