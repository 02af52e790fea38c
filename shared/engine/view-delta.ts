// A seat's view changes a little with each action: the server sends what changed, the client merges it.
// The chat and the timeline only ever grow, for every seat, so only their new entries travel.
import type { Scenario } from '../scenario/schema.js';
import { CHUNK, entries, size, type Chunked } from './chunked.js';
import { changedBesideLogs } from './draft.js';
import type { ChatMessage, GameState, Seat, TimelineEntry } from './types.js';
import { seesChat, seesEntry, viewHead, type View, type ViewHead } from './view.js';

/** What changed in one seat's view since the last view or delta it was sent. */
export interface ViewDelta {
  /** Keys of the view with a new value (never chat or timeline). */
  set: Partial<ViewHead>;
  /**
   * Object-valued keys of the view (e.g. `me`, `meters`) of which only some entries changed: the entries with a
   * new value, to merge into the old object (`{ ...old, ...merge[key] }`). Used only when no entry went away.
   */
  merge?: Partial<Record<keyof ViewHead, Record<string, unknown>>>;
  /** Chat lines new to this seat; `from` is how many it had before them. */
  chat?: { from: number; add: ChatMessage[] };
  /** Timeline entries new to this seat; `from` is how many it had before them. */
  timeline?: { from: number; add: TimelineEntry[] };
}

/** What the server keeps of the view it last sent a seat. */
export interface SentView {
  state: GameState;
  head: ViewHead;
  /** How many chat lines / timeline entries of the state were looked at, and how many of them the seat sees. */
  chatRead: number;
  chatSeen: number;
  timelineRead: number;
  timelineSeen: number;
}

/**
 * The whole view of a seat, and what to remember of it. With `limit`, the view carries only the seat's last
 * `limit` chat lines and timeline entries, and `chatFrom` / `timelineFrom` (how many come before them, set only
 * when some were left out); deltas still count from the seat's whole list, so they follow on.
 */
export function fullView(s: Scenario, state: GameState, seat: Seat, limit = Infinity): { sent: SentView; view: View } {
  const head = viewHead(s, state, seat);
  const allChat = entries(state.chat).filter((m) => seesChat(s, seat, m));
  const allTimeline = entries(state.timeline).filter((t) => seesEntry(s, seat, t));
  const chatFrom = Math.max(0, allChat.length - limit);
  const timelineFrom = Math.max(0, allTimeline.length - limit);
  const chat = chatFrom ? allChat.slice(chatFrom) : allChat;
  const timeline = timelineFrom ? allTimeline.slice(timelineFrom) : allTimeline;
  const { offers, outcome, me, all, ...rest } = head;
  // Same key order as viewFor.
  const view: View = { ...rest, offers, chat, timeline, outcome, me, all };
  if (chatFrom) view.chatFrom = chatFrom;
  if (timelineFrom) view.timelineFrom = timelineFrom;
  return {
    view,
    sent: {
      state,
      head,
      chatRead: size(state.chat),
      chatSeen: allChat.length,
      timelineRead: size(state.timeline),
      timelineSeen: allTimeline.length,
    },
  };
}

/** One page of a seat's older chat lines or timeline entries: `from` is the index (in the seat's list) of `items[0]`. */
export interface HistoryPage {
  channel: 'chat' | 'timeline';
  from: number;
  items: (ChatMessage | TimelineEntry)[];
}

/**
 * The `limit` lines of the seat's chat (or timeline) just before index `before` of the list that seat sees,
 * oldest first; the same visibility rule as the view (seesChat / seesEntry). `before` past the end is clamped.
 */
export function historyPage(
  s: Scenario,
  state: GameState,
  seat: Seat,
  channel: 'chat' | 'timeline',
  before: number,
  limit: number,
): HistoryPage {
  const seen: (ChatMessage | TimelineEntry)[] =
    channel === 'chat'
      ? entries(state.chat).filter((m) => seesChat(s, seat, m))
      : entries(state.timeline).filter((t) => seesEntry(s, seat, t));
  const end = Math.min(Math.max(0, Math.floor(before)), seen.length);
  const from = Math.max(0, end - Math.max(0, Math.floor(limit)));
  return { channel, from, items: seen.slice(from, end) };
}

/**
 * What changed for `seat` between the view in `sent` and `state`: delta null when nothing it sees changed.
 * Returns null when `state` does not follow on from the sent one (its logs are shorter): send the whole view.
 */
export function viewDelta(
  s: Scenario,
  seat: Seat,
  sent: SentView,
  state: GameState,
  memo?: DeltaMemo,
): { sent: SentView; delta: ViewDelta | null } | null {
  if (state === sent.state) return { sent, delta: null };
  const chatRead = size(state.chat);
  const timelineRead = size(state.timeline);
  if (chatRead < sent.chatRead || timelineRead < sent.timelineRead || state.scenarioId !== sent.state.scenarioId)
    return null;
  // Only the logs moved (a chat line, most often): the head, built from the rest of the state, is the same.
  if (onlyLogsMoved(sent.state, state, memo)) return logsDelta(s, seat, sent, state, sent.head, { set: {} }, false);
  const head = viewHead(s, state, seat, sent);
  const set: Partial<ViewHead> = {};
  const merge: Record<string, Record<string, unknown>> = {};
  let changed = false;
  let merged = false;
  for (const key in head) {
    const k = key as keyof ViewHead;
    if (same(head[k], sent.head[k])) continue;
    changed = true;
    const part = entriesChanged(sent.head[k], head[k]);
    if (part) {
      merge[k] = part;
      merged = true;
    } else (set as Record<string, unknown>)[k] = head[k];
  }
  const delta: ViewDelta = { set };
  if (merged) delta.merge = merge;
  return logsDelta(s, seat, sent, state, head, delta, changed);
}

/** The rest of viewDelta: the seat's new chat lines and timeline entries added to `delta` (whose head part is done). */
function logsDelta(
  s: Scenario,
  seat: Seat,
  sent: SentView,
  state: GameState,
  head: ViewHead,
  delta: ViewDelta,
  changed: boolean,
): { sent: SentView; delta: ViewDelta | null } {
  const chat = newChat(s, seat, state.chat, sent.chatRead);
  if (chat.length) delta.chat = { from: sent.chatSeen, add: chat as ChatMessage[] }; // not NONE: a new list
  const timeline = newTimeline(s, seat, state.timeline, sent.timelineRead);
  if (timeline.length) delta.timeline = { from: sent.timelineSeen, add: timeline as TimelineEntry[] };
  const next: SentView = {
    state,
    head,
    chatRead: size(state.chat),
    chatSeen: sent.chatSeen + chat.length,
    timelineRead: size(state.timeline),
    timelineSeen: sent.timelineSeen + timeline.length,
  };
  return { sent: next, delta: changed || chat.length || timeline.length ? delta : null };
}

/** The chat lines from index `from` on that `seat` sees (the same as entries(...).filter(seesChat), in one pass). */
function newChat(s: Scenario, seat: Seat, list: Chunked<ChatMessage>, from: number): readonly ChatMessage[] {
  return newEntries(list, from, (m) => seesChat(s, seat, m));
}

/** The timeline entries from index `from` on that `seat` sees (entries(...).filter(seesEntry), in one pass). */
function newTimeline(s: Scenario, seat: Seat, list: Chunked<TimelineEntry>, from: number): readonly TimelineEntry[] {
  return newEntries(list, from, (t) => seesEntry(s, seat, t));
}

/** The entries of a log from index `from` on that pass `sees`; NONE (no new list) when there are none. */
function newEntries<T>(list: Chunked<T>, from: number, sees: (x: T) => boolean): readonly T[] {
  let out: T[] | null = null;
  for (let c = Math.floor(from / CHUNK); c < list.length; c++)
    for (let i = c * CHUNK < from ? from - c * CHUNK : 0, chunk = list[c]; i < chunk.length; i++)
      if (sees(chunk[i])) (out ??= []).push(chunk[i]);
  return out ?? NONE;
}

/** What newEntries returns when there is nothing new: most changes, for one log or the other. */
const NONE: readonly never[] = Object.freeze([]);

/** Whether `b` differs from `a` only in its logs and their id counters (changedBesideLogs): viewHead reads nothing else. */
function onlyLogsMoved(a: GameState, b: GameState, memo?: DeltaMemo): boolean {
  if (!memo) return !changedBesideLogs(a, b);
  if (memo.from !== a || memo.to !== b) Object.assign(memo, { from: a, to: b, onlyLogs: !changedBesideLogs(a, b) });
  return memo.onlyLogs!;
}

/**
 * What the deltas of several seats after one change have in common, worked out once: pass the same (initially empty)
 * object to each viewDelta of one change. It holds only answers about the states it was asked about, so it never
 * changes a result; a fresh one per change keeps it from holding old states.
 */
export interface DeltaMemo {
  from?: GameState;
  to?: GameState;
  onlyLogs?: boolean;
}

/** The view after a delta, or null when the delta does not follow on from this view (ask for the whole view again). */
export function applyViewDelta(view: View, d: ViewDelta): View | null {
  if (d.chat && d.chat.from !== (view.chatFrom ?? 0) + view.chat.length) return null;
  if (d.timeline && d.timeline.from !== (view.timelineFrom ?? 0) + view.timeline.length) return null;
  const next: View = { ...view, ...d.set };
  for (const [k, part] of Object.entries(d.merge ?? {})) {
    const old = (view as unknown as Record<string, unknown>)[k];
    if (!isPlainObject(old)) return null;
    (next as unknown as Record<string, unknown>)[k] = { ...old, ...part };
  }
  if (d.chat) next.chat = [...view.chat, ...d.chat.add];
  if (d.timeline) next.timeline = [...view.timeline, ...d.timeline.add];
  return next;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The entries of `b` that differ from `a`'s, when both are plain objects, `b` keeps every key of `a` and fewer
 * than all entries changed; otherwise null (send `b` whole). A delegation's `me` holds its whole brief, which
 * stays the same while its walk-away value moves every round: only the moved entries travel.
 */
function entriesChanged(a: unknown, b: unknown): Record<string, unknown> | null {
  if (!isPlainObject(a) || !isPlainObject(b)) return null;
  const keys = Object.keys(a);
  if (keys.some((k) => !Object.hasOwn(b, k))) return null;
  const part: Record<string, unknown> = {};
  let n = 0;
  for (const k of Object.keys(b)) {
    if (!Object.hasOwn(a, k) || !same(a[k], b[k])) {
      part[k] = b[k];
      n++;
    }
  }
  return n > 0 && n < Object.keys(b).length ? part : null;
}

/** Deep equality of plain JSON values, quick when both sides are the same object. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], bb[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    n++;
    if (!Object.hasOwn(rb, k) || !same(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (Object.hasOwn(rb, k)) n--;
  return n === 0;
}
