import { appended } from './chunked.js';
import { own } from './draft.js';
import { gameError } from './errors.js';
import { bilateralChannel, isRefused, isRole, roleName } from './lookup.js';
import { log } from './phases.js';
import type { Rules, Table } from './predicates.js';
import { checkTalk, type TalkAct } from './talk-act.js';
import type { Channel, ChatMessage, Ctx, GameError, GameState, RoleId, Seat } from './types.js';
import { CHAT_MAX, FACILITATOR } from './types.js';

type Members = RoleId[] | null | undefined;
/** What the channels are made of: the delegations and the working groups (Scenario and PublicScenario both fit). */
type Talks = Pick<Rules, 'roles' | 'workingGroups'>;
/** Per scenario: each channel's members and each seat's channels, worked out once. */
const cache = new WeakMap<Talks, { members: Map<Channel, Members>; bySeat: Map<Seat, Channel[]> }>();

function cacheOf(s: Talks) {
  let c = cache.get(s);
  if (!c) cache.set(s, (c = { members: new Map(), bySeat: new Map() }));
  return c;
}

/** Which roles may read a channel; null means everyone (the public table), undefined no such channel. */
export function channelMembers(ctx: { scenario: Talks }, channel: Channel): Members {
  const c = cacheOf(ctx.scenario);
  if (c.members.has(channel)) return c.members.get(channel);
  const m = membersOf(ctx.scenario, channel);
  // Only channels that exist are kept, so arbitrary names sent by clients do not pile up.
  if (m !== undefined) c.members.set(channel, m);
  return m;
}

function membersOf(s: Talks, channel: Channel): Members {
  if (channel === 'public') return null;
  const bi = /^bi:([a-z0-9_]+):([a-z0-9_]+)$/.exec(channel);
  if (bi) {
    const [, a, b] = bi;
    if (a === b || !isRole(s, a) || !isRole(s, b) || bilateralChannel(a, b) !== channel) return undefined;
    return [a, b];
  }
  const wg = /^wg:([a-z0-9_]+)$/.exec(channel);
  if (wg) return s.workingGroups.find((g) => g.id === wg[1])?.members;
  return undefined;
}

/** The channels a seat can read and write. */
export function channelsFor(ctx: { scenario: Talks }, seat: Seat): Channel[] {
  const c = cacheOf(ctx.scenario);
  let list = c.bySeat.get(seat);
  if (!list) {
    list = computeChannels(ctx, seat);
    if (seat === FACILITATOR || isRole(ctx.scenario, seat)) c.bySeat.set(seat, list);
  }
  return [...list];
}

function computeChannels(ctx: { scenario: Talks }, seat: Seat): Channel[] {
  const s = ctx.scenario;
  const all = ['public', ...s.workingGroups.map((g) => `wg:${g.id}`)];
  for (const a of s.roles) for (const b of s.roles) if (a.id < b.id) all.push(bilateralChannel(a.id, b.id));
  if (seat === FACILITATOR) return all;
  return all.filter((ch) => {
    const m = channelMembers(ctx, ch);
    return m === null || (m !== undefined && m.includes(seat));
  });
}

/** Checks a chat line from `seat`; returns an error or null. */
export function checkChat(
  t: Pick<Table, 'refusals'>,
  s: Talks & Pick<Rules, 'issues'>,
  seat: Seat,
  a: { channel: Channel; text: string; talk?: TalkAct },
): GameError | null {
  const text = a.text.trim();
  if (!text) return gameError('chat/empty', 'A message cannot be empty.');
  if (text.length > CHAT_MAX) return gameError('chat/too_long', `A message may be at most ${CHAT_MAX} characters.`);
  const members = channelMembers({ scenario: s }, a.channel);
  if (members === undefined) return gameError('chat/bad_channel', `There is no channel "${a.channel}".`);
  if (seat === FACILITATOR) return null;
  if (members && !members.includes(seat))
    return gameError('chat/bad_channel', 'Your delegation is not part of that channel.');
  if (members && members.length === 2 && isRefused(t, members[0], members[1]))
    return gameError('chat/channel_refused', 'This bilateral channel has been refused by one side.');
  return a.talk ? checkTalk(s, a.talk, members) : null;
}

export function postChat(state: GameState, ctx: Ctx, a: { channel: Channel; text: string; talk?: TalkAct }): void {
  // Public and private lines count separately, so an observer learns nothing from the public ids.
  const id = a.channel === 'public' ? `m${state.nextId++}` : `p${state.nextPrivateId++}`;
  const m: ChatMessage = {
    id,
    from: ctx.seat,
    channel: a.channel,
    text: a.text.trim(),
    at: ctx.now,
    round: state.round,
  };
  if (a.talk) m.talk = a.talk;
  state.chat = appended(state.chat, m);
}

/** Checks that `seat` may refuse (or reopen) its channel with `other`; returns an error or null. */
export function checkRefuseChannel(
  t: Pick<Table, 'refusals'>,
  s: Pick<Rules, 'roles'>,
  seat: Seat,
  other: RoleId,
  refuse: boolean,
): GameError | null {
  if (!isRole(s, other) || other === seat) return gameError('action/invalid', `"${other}" is not another delegation.`);
  // Only the delegation that refused can reopen the channel.
  if (!refuse && isRefused(t, seat, other) && !t.refusals.some(([x, y]) => x === seat && y === other))
    return gameError('seat/not_allowed', `${roleName(s, other)} refused this channel; only they can reopen it.`);
  return null;
}

/** A delegation may refuse to deal directly with another (seed 001: formats are themselves negotiated); checked by checkRefuseChannel. */
export function refuseChannel(state: GameState, ctx: Ctx, other: RoleId, refuse: boolean): GameError | void {
  const me = ctx.seat;
  const has = isRefused(state, me, other);
  if (refuse && !has) own(state, 'refusals').push([me, other]);
  else if (!refuse && has)
    own(state, 'refusals').splice(
      state.refusals.findIndex(([x, y]) => x === me && y === other),
      1,
    );
  else return;
  log(
    state,
    ctx,
    me,
    'format',
    refuse
      ? `${roleName(ctx.scenario, me)} refuses to deal directly with ${roleName(ctx.scenario, other)}.`
      : `${roleName(ctx.scenario, me)} reopens the channel with ${roleName(ctx.scenario, other)}.`,
  );
}
