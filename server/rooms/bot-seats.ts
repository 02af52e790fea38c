import { STRATEGIES, strategy } from '../../shared/bots/strategies.js';
import { botTurn, newBot, type BotSeat } from '../../shared/bots/turn.js';
import type { BotDecision, BotInput } from '../../shared/bots/types.js';
import {
  bilateralChannel,
  CHAT_MAX,
  gateRefusal,
  isFormal,
  isMyTurn,
  isRefused,
  publicScenario,
  tableOf,
  viewFor,
} from '../../shared/engine/index.js';
import type { Action, GameState, PublicScenario, RoleId, View } from '../../shared/engine/index.js';
import type { BotNote, BotRecap } from '../../shared/protocol.js';
import { BotTalk } from './bot-talk.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import type { Logger } from '../log.js';
import type { SeatStatus } from '../schema/seat-state.js';
import type { Committed } from './referee.js';
import type { TableSettings } from './room-context.js';

export interface Timer {
  clear(): void;
}

/** What a table gives its bots: the same commit path and room rules as a person's. */
export interface BotHost {
  scenario: Scenario;
  game(): GameState;
  /** The table's one commit path; `pick` chooses the action on the state at its turn in the queue. */
  commit(seat: RoleId, pick: (g: GameState) => Action | null): Promise<Committed>;
  /** Whether people hold a delegation (free, present, reconnecting, absent). */
  status(role: RoleId): SeatStatus;
  /** A bot's formal move, for the facilitators only. */
  toFacilitators(n: BotNote): void;
  schedule(fn: () => void, ms: number): Timer;
  /** The table's logger. */
  log: Logger;
  /** The set of bot seats changed: publish it. */
  seatsChanged(): void;
  /** To the people at one delegation only (a stand-in's recap). */
  toSeat?(role: RoleId, recap: BotRecap): void;
}

interface Bot extends BotSeat {
  timer: Timer | null;
}

export interface BotRefusal {
  seat: RoleId;
  action: Action['type'];
  code: string;
  message: string;
}

/** Bot notes kept for a facilitator who joins later. */
const NOTES_KEPT = 100;

type BotSettings = Pick<TableSettings, 'bots' | 'botsFill' | 'standIn' | 'botDelayMs'>;
export type BotRequestRefusal = { code: 'seat/facilitator_only' | 'seat/unknown' | 'seat/taken'; message: string };

/** The bots playing delegations at one live table: each reads its own seat's view and acts through the table. */
export class BotSeats {
  private bots = new Map<RoleId, Bot>();
  private pub: PublicScenario;
  private kept: BotNote[] = [];
  /** What the bots did at this table (for tests and the logs). */
  readonly stats = { decisions: 0, actions: 0, refused: [] as BotRefusal[] };
  /** Sees every decision with the input it was made from (tests and tracing). */
  observe: ((role: RoleId, input: BotInput, decision: BotDecision) => void) | null = null;

  /** The bots' lines in the talks (server/rooms/bot-talk.ts). */
  readonly talk: BotTalk;

  constructor(
    private host: BotHost,
    private settings: BotSettings,
    private random: () => number = Math.random,
  ) {
    this.pub = publicScenario(host.scenario);
    this.talk = new BotTalk(host, {
      brain: (r) => this.bots.get(r) ?? null,
      delay: (g) => this.delay(g),
      notes: () => this.kept,
    });
  }

  /** The seats bots hold from the table's creation; a person's earlier claim (before a restart) wins. */
  seatFromSettings(): void {
    this.cover((r) => this.settings.bots.includes(r) && this.host.status(r) === 'free');
  }

  /** When the talks open (or a restarted table's grace ends): bots for every empty seat (botsFill) or absent one (standIn). */
  coverSeats(): void {
    if (!this.inPlay()) return;
    const { botsFill, standIn } = this.settings;
    this.cover((r) => {
      const s = this.host.status(r);
      return (botsFill && (s === 'free' || s === 'absent')) || (standIn && s === 'absent');
    });
  }

  /** A person left a delegation: at a stand-in table a bot plays it until someone arrives. */
  left(role: RoleId): void {
    if (this.inPlay() && this.settings.standIn) this.cover((r) => r === role && this.host.status(r) === 'absent');
  }

  /**
   * The instructor moved the people of a delegation to another seat during the game: the seat is now free, and a bot
   * plays it if the table covers empty seats (botsFill) or seats people leave (standIn), so the table never waits on it.
   */
  vacated(role: RoleId): void {
    const { botsFill, standIn } = this.settings;
    if (this.inPlay() && (botsFill || standIn)) this.cover((r) => r === role && this.host.status(r) !== 'present');
  }

  /** Bots cover seats only while the game is on: not before the talks open, not after the end. */
  private inPlay(): boolean {
    const { phase } = this.host.game();
    return phase !== 'setup' && phase !== 'ended';
  }

  /** A facilitator's request to seat (on) or remove a bot; a refusal, or null once done. */
  request(role: RoleId, on: boolean, mayReferee: boolean): BotRequestRefusal | null {
    if (!mayReferee)
      return { code: 'seat/facilitator_only', message: 'Only the facilitator can seat or remove a bot.' };
    if (!this.host.scenario.roles.some((r) => r.id === role))
      return { code: 'seat/unknown', message: `There is no delegation called "${role}".` };
    if (on && this.host.status(role) === 'present')
      return {
        code: 'seat/taken',
        message: 'A person is at that delegation; a bot can only take an empty or absent seat.',
      };
    if (on) this.add(role);
    else this.remove(role);
    return null;
  }

  /** The bots' recent notes, for a facilitator who has just arrived. */
  notes(): readonly BotNote[] {
    return this.kept;
  }

  has(role: RoleId): boolean {
    return this.bots.has(role);
  }

  roles(): RoleId[] {
    return [...this.bots.keys()];
  }

  /** A bot takes this delegation; false if one already plays it or there is no such delegation. */
  add(role: RoleId): boolean {
    const i = this.host.scenario.roles.findIndex((r) => r.id === role);
    if (i < 0 || this.bots.has(role)) return false;
    const seed = this.host.game().seed;
    // Seeded per table and seat, as in self-play, so a table's bots are reproducible.
    const name = STRATEGIES[Math.abs(seed + i) % STRATEGIES.length];
    this.bots.set(role, { ...newBot(this.pub, seed, role, strategy(name)), timer: null });
    this.talk.join(role);
    this.host.seatsChanged();
    this.wake();
    return true;
  }

  /** The bot leaves the seat at once: a pending move is dropped, one already queued finds it gone. */
  remove(role: RoleId): boolean {
    const b = this.bots.get(role);
    if (!b) return false;
    b.timer?.clear();
    this.bots.delete(role);
    this.talk.leave(role);
    this.host.seatsChanged();
    return true;
  }

  /** Bots for every delegation `nobody` says nobody plays; returns the delegations they took. */
  cover(nobody: (role: RoleId) => boolean): RoleId[] {
    return this.host.scenario.roles.map((r) => r.id).filter((r) => !this.bots.has(r) && nobody(r) && this.add(r));
  }

  /** After any change: every bot with something to do now gets a timer. */
  wake(): void {
    const g = this.host.game();
    for (const b of this.bots.values())
      if (!b.timer && this.due(b.role, g)) b.timer = this.host.schedule(() => void this.fire(b), this.delay(g));
    this.talk.wake();
  }

  dispose(): void {
    this.talk.dispose();
    for (const b of this.bots.values()) b.timer?.clear();
    this.bots.clear();
  }

  /** A bot acts on its turn in the moves phase, and says "ready" in the other phases so none waits on it. */
  private due(role: RoleId, g: GameState): boolean {
    const t = tableOf(g, this.host.scenario);
    if (g.phase === 'moves') return isMyTurn(t, this.pub, role);
    return !g.ready.includes(role) && gateRefusal(t, this.pub, role, 'ready') === null;
  }

  /** Human-like: 0.5-1.5 times the typical delay, never more than a third of the time left on the clock. */
  delay(g: GameState): number {
    let ms = this.settings.botDelayMs * (0.5 + this.random());
    if (g.deadline !== null) ms = Math.min(ms, Math.max(0, (g.deadline - Date.now()) / 3));
    return Math.round(ms);
  }

  private async fire(b: Bot): Promise<void> {
    b.timer = null;
    const made: { d?: BotDecision; view?: View } = {};
    const r = await this.host.commit(b.role, (g) => {
      if (this.bots.get(b.role) !== b) return null; // taken over while waiting
      const view = viewFor(this.host.scenario, g, b.role);
      const d = this.decideOn(b, view);
      Object.assign(made, { d, view });
      return d.action;
    });
    const { d, view } = made;
    if (!d?.action || !view || r.status === 'skipped') return;
    if (r.status === 'refused') return this.refused(b, d.action, r.error, view);
    this.stats.actions += 1;
    // The facilitator hears of every move on the agreement: formal moves and signing (not a formal move).
    if (!isFormal(d.action.type) && d.action.type !== 'sign') return;
    const note: BotNote = {
      seat: b.role,
      round: view.round,
      phase: view.phase,
      action: d.action.type,
      reason: d.reason,
      reasoning: d.privateReasoning,
      at: Date.now(),
    };
    this.kept = [...this.kept.slice(1 - NOTES_KEPT), note];
    this.host.toFacilitators(note);
    const say = this.reasonChat(d, view);
    if (say) await this.commitAs(b, say);
  }

  /** The bot's turn, as in self-play (shared/bots/turn.ts). */
  private decideOn(b: Bot, view: View): BotDecision {
    const t = botTurn(b, view, this.pub);
    this.observe?.(b.role, t.input, t.decided);
    this.stats.decisions += 1;
    b.memory = t.bot.memory;
    b.rng = t.bot.rng;
    return t.decision;
  }

  /**
   * Where the public reason of a formal move goes: offers carry it as their note; an answer to an offer
   * goes to its author on their bilateral channel (others cannot see the offer); the rest to the table.
   */
  private reasonChat(d: BotDecision, view: View): Action | null {
    const a = d.action!;
    const text = d.reason.trim().slice(0, CHAT_MAX);
    if (!text || a.type === 'propose' || a.type === 'counter') return null;
    if (a.type === 'accept' || a.type === 'reject') {
      const from = view.offers.find((o) => o.id === a.offer)?.from;
      if (!from || isRefused(view, from, view.seat)) return null;
      return { type: 'chat', channel: bilateralChannel(view.seat, from), text };
    }
    return { type: 'chat', channel: 'public', text };
  }

  private async commitAs(b: Bot, action: Action, when: (g: GameState) => boolean = () => true): Promise<void> {
    const r = await this.host.commit(b.role, (g) => (this.bots.get(b.role) === b && when(g) ? action : null));
    if (r.status === 'done') this.stats.actions += 1;
    else if (r.status === 'refused') await this.refused(b, action, r.error, null);
  }

  private refused(b: Bot, action: Action, error: { code: string; message: string }, view: View | null): Promise<void> {
    this.stats.refused.push({ seat: b.role, action: action.type, code: error.code, message: error.message });
    this.host.log.warn(
      { bot: b.role, action: action.type, code: error.code },
      `bot's ${action.type} refused: ${error.message}`,
    );
    // A refused formal move would leave the table waiting on this seat: it passes instead.
    if (view && isFormal(action.type) && action.type !== 'pass')
      return this.commitAs(b, { type: 'pass' }, (g) => isMyTurn(tableOf(g, this.host.scenario), this.pub, b.role));
    return Promise.resolve();
  }
}
