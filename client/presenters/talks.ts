import { allowed } from '../../shared/engine/index.js';
import { channelMembers, channelsFor } from '../../shared/engine/talk.js';
import type { ChatMessage } from '../../shared/engine/types.js';
import type { PublicScenario, View } from '../../shared/engine/view.js';
import { roleName } from './labels.js';
import { verdictTag } from './ask.js';

export interface ChannelModel {
  id: string;
  label: string;
  members: string[] | null;
  unread: number;
  count: number;
  /** Bilateral channel refused by one side. */
  refused: boolean;
  /** For a bilateral channel: the other delegation. */
  other: string | null;
  /** Whether this seat refused it (and so may reopen it). */
  refusedByMe: boolean;
  canWrite: boolean;
}

export interface MessageModel {
  id: string;
  from: string;
  fromId: string;
  text: string;
  round: number;
  mine: boolean;
  /** For a reply to a floated package or question: its verdict in words ('' otherwise). */
  tag: string;
}

function label(s: PublicScenario, seat: string, id: string, members: string[] | null): string {
  if (id === 'public') return 'Public table';
  if (id.startsWith('wg:'))
    return `Working group: ${s.workingGroups.find((g) => `wg:${g.id}` === id)?.label ?? id.slice(3)}`;
  const names = (members ?? []).filter((m) => m !== seat).map((m) => roleName(s, m));
  return members?.includes(seat)
    ? `With ${names.join(', ')}`
    : (members ?? []).map((m) => roleName(s, m)).join(' and ');
}

/** The channels this seat can read, with unread counts against what it has read so far. */
export function channels(s: PublicScenario, v: View, read: Record<string, number>): ChannelModel[] {
  const ids = channelsFor({ scenario: s }, v.seat);
  return ids.map((id) => {
    const members = channelMembers({ scenario: s }, id) ?? null;
    const msgs = v.chat.filter((m) => m.channel === id);
    const others = msgs.filter((m) => m.from !== v.seat).length;
    const seenOthers = msgs.slice(0, read[id] ?? 0).filter((m) => m.from !== v.seat).length;
    const pair = id.startsWith('bi:') && members ? members : null;
    const refusal = pair
      ? v.refusals.find(([a, b]) => (a === pair[0] && b === pair[1]) || (a === pair[1] && b === pair[0]))
      : undefined;
    const other = pair?.includes(v.seat) ? (pair.find((m) => m !== v.seat) ?? null) : null;
    return {
      id,
      label: label(s, v.seat, id, members),
      members,
      count: msgs.length,
      unread: Math.max(0, others - seenOthers),
      refused: !!refusal,
      other,
      refusedByMe: !!refusal && refusal[0] === v.seat,
      canWrite: allowed(v, s, { type: 'chat', channel: id, text: '.' }),
    };
  });
}

export function messages(s: PublicScenario, v: View, channel: string): MessageModel[] {
  return v.chat
    .filter((m: ChatMessage) => m.channel === channel)
    .map((m) => ({
      id: m.id,
      from: roleName(s, m.from),
      fromId: m.from,
      text: m.text,
      round: m.round,
      mine: m.from === v.seat,
      tag: verdictTag(m.talk),
    }));
}
