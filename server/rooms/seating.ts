import type { SeatRecord } from '../storage/storage.js';
import type { SeatStatus } from '../schema/seat-state.js';

export const OBSERVER = 'observer';
export const FACILITATOR_SEAT = 'facilitator';

/** connected: has a live connection; reconnecting: dropped, within the grace period; gone: left, the seat is kept for its playerId. */
export type MemberState = 'connected' | 'reconnecting' | 'gone';

export interface Member {
  sessionId: string;
  playerId: string | null;
  name: string;
  seat: string;
  state: MemberState;
}

export type SeatDecision =
  | { ok: true; seat: string; replaces: Member[] }
  | { ok: false; code: 'seat/unknown' | 'seat/taken' | 'seat/team_full'; message: string };

/** Who sits where at one table: delegations (one player or a team), observers and facilitators. */
export class Seating {
  private members = new Map<string, Member>();
  /** Goes up with every change of who sits where or of a member's state (lets callers cache what they derive). */
  version = 0;

  /** `maxTeam`: at most this many clients (not gone) on one delegation when teams are on. */
  constructor(
    private roles: string[],
    private teams: boolean,
    private maxTeam = Infinity,
  ) {}

  get(sessionId: string): Member | undefined {
    return this.members.get(sessionId);
  }

  isRole(seat: string): boolean {
    return this.roles.includes(seat);
  }

  /** Where a joining client sits; a known playerId gets its delegation back. */
  decide(role: string | undefined, playerId: string | undefined): SeatDecision {
    const mine = playerId
      ? [...this.members.values()].filter((m) => m.playerId === playerId && m.state !== 'connected')
      : [];
    const previous = mine.find((m) => this.isRole(m.seat))?.seat;
    if (role === FACILITATOR_SEAT) return { ok: true, seat: role, replaces: mine.filter((m) => m.seat === role) };
    const seat = role ?? previous ?? OBSERVER;
    if (seat === OBSERVER) return { ok: true, seat, replaces: mine.filter((m) => m.seat === seat) };
    if (!this.isRole(seat))
      return { ok: false, code: 'seat/unknown', message: `There is no delegation called "${seat}" at this table.` };
    const others = this.on(seat).filter((m) => !playerId || m.playerId !== playerId);
    if (!this.teams && others.length > 0)
      return {
        ok: false,
        code: 'seat/taken',
        message: 'That delegation already has a player, and this table does not allow teams.',
      };
    if (others.filter((m) => m.state !== 'gone').length >= this.maxTeam)
      return {
        ok: false,
        code: 'seat/team_full',
        message: `That delegation already has ${this.maxTeam} players, the most one team may have here.`,
      };
    return { ok: true, seat, replaces: mine.filter((m) => m.seat === seat) };
  }

  add(m: Omit<Member, 'state'>): Member {
    const member: Member = { ...m, state: 'connected' };
    this.members.set(m.sessionId, member);
    this.version++;
    return member;
  }

  setState(sessionId: string, state: MemberState): void {
    const m = this.members.get(sessionId);
    if (!m) return;
    this.version++;
    // Observers and facilitators hold no seat worth keeping once they are gone.
    if (state === 'gone' && !this.isRole(m.seat)) this.members.delete(sessionId);
    else m.state = state;
  }

  remove(sessionId: string): Member | undefined {
    const m = this.members.get(sessionId);
    this.members.delete(sessionId);
    this.version++;
    return m;
  }

  /** Every member (any seat, any state) a player's browser holds. */
  ofPlayer(playerId: string): Member[] {
    return [...this.members.values()].filter((m) => m.playerId === playerId);
  }

  /** Every member holding a seat, in any state. */
  on(seat: string): Member[] {
    return [...this.members.values()].filter((m) => m.seat === seat);
  }

  connected(seat?: string): Member[] {
    return [...this.members.values()].filter((m) => m.state === 'connected' && (seat === undefined || m.seat === seat));
  }

  /** Each delegation's status, worked out once per version of the seating (the room asks after every action). */
  private statuses = { version: -1, of: new Map<string, SeatStatus>() };

  status(role: string): SeatStatus {
    if (this.statuses.version !== this.version) this.statuses = { version: this.version, of: new Map() };
    let s = this.statuses.of.get(role);
    if (s === undefined) this.statuses.of.set(role, (s = this.statusNow(role)));
    return s;
  }

  private statusNow(role: string): SeatStatus {
    const on = this.on(role);
    if (on.length === 0) return 'free';
    if (on.some((m) => m.state === 'connected')) return 'present';
    if (on.some((m) => m.state === 'reconnecting')) return 'reconnecting';
    return 'absent';
  }

  names(role: string): string[] {
    return this.on(role)
      .filter((m) => m.state !== 'gone')
      .map((m) => m.name);
  }

  /** Moves a seat's live clients to another seat and frees the old one; returns the moved members. */
  reassign(
    from: string,
    to: string,
  ): { ok: true; moved: Member[] } | { ok: false; code: 'seat/unknown' | 'seat/taken'; message: string } {
    if (!this.isRole(from))
      return { ok: false, code: 'seat/unknown', message: `There is no delegation called "${from}".` };
    if (to !== OBSERVER && !this.isRole(to))
      return { ok: false, code: 'seat/unknown', message: `There is no delegation called "${to}".` };
    if (to !== OBSERVER && to !== from && !this.teams && this.on(to).length > 0)
      return {
        ok: false,
        code: 'seat/taken',
        message: 'That delegation already has a player, and this table does not allow teams.',
      };
    const moved: Member[] = [];
    this.version++;
    for (const m of this.on(from)) {
      if (m.state === 'gone') this.members.delete(m.sessionId);
      else {
        m.seat = to;
        moved.push(m);
      }
    }
    return { ok: true, moved };
  }

  /** Seats remembered by storage come back as absent players who can reclaim them with their playerId. */
  restore(records: SeatRecord[]): void {
    this.version++;
    for (const r of records) {
      if (!this.isRole(r.seat)) continue;
      this.members.set(`stored:${r.playerId}`, {
        sessionId: `stored:${r.playerId}`,
        playerId: r.playerId,
        name: r.name,
        seat: r.seat,
        state: 'gone',
      });
    }
  }

  count(seat: string): number {
    return this.connected(seat).length;
  }
}
