import type { ActionMessage } from '../../shared/protocol.js';
import { h, mmss } from './dom.js';
import type { ClassSummary, DashboardTable } from './class-api.js';

export type Control = (tables: DashboardTable[], action: ActionMessage) => void;

const PHASE: Record<string, string> = {
  setup: 'Not started',
  news: 'News',
  talks: 'Talks',
  moves: 'Moves',
  resolution: 'Resolution',
  ended: 'Ended',
};

/** Buttons shared by a table card and the "all tables" bar. */
export function controlBar(c: ClassSummary, tables: () => DashboardTable[], run: Control, label: string): HTMLElement {
  const btn = (text: string, action: () => ActionMessage | null, extra: Record<string, string> = {}) =>
    h(
      'button',
      {
        type: 'button',
        ...extra,
        onclick: () => {
          const a = action();
          if (a) run(tables(), a);
        },
      },
      text,
    );
  const events = h(
    'select',
    { 'aria-label': `Event card to inject (${label})` },
    ...c.scenario.events.map((e) => h('option', { value: e.id }, e.title)),
  );
  const message = h('input', {
    type: 'text',
    maxlength: 500,
    placeholder: 'Message to the table',
    'aria-label': `Message to broadcast (${label})`,
  });
  return h(
    'div',
    { class: 'controls', role: 'group', 'aria-label': `Controls: ${label}` },
    btn('Start', () => ({ type: 'start' }), { 'data-act': 'start' }),
    btn('Pause', () => ({ type: 'pause' }), { 'data-act': 'pause' }),
    btn('Resume', () => ({ type: 'resume' }), { 'data-act': 'resume' }),
    btn('+1 min', () => ({ type: 'extend', seconds: 60 }), { 'data-act': 'extend' }),
    btn('Next phase', () => ({ type: 'advance' }), { 'data-act': 'advance' }),
    h(
      'span',
      { class: 'group' },
      events,
      btn('Inject', () => ({ type: 'inject', event: events.value }), { 'data-act': 'inject' }),
    ),
    h(
      'span',
      { class: 'group' },
      message,
      btn(
        'Send',
        () => {
          const text = message.value.trim();
          if (!text) return null;
          message.value = '';
          return { type: 'chat', channel: 'public', text };
        },
        { 'data-act': 'broadcast' },
      ),
    ),
    btn('End', () => (confirm(`End the talks (${label})? This cannot be undone.`) ? { type: 'end' } : null), {
      'data-act': 'end',
      class: 'danger',
    }),
  );
}

/**
 * Who holds a seat, as the table card says it: the people in it, a bot, or an empty seat. An empty seat at a class
 * that fills seats with bots says so before the talks open (when the bot takes it), as the seating grid does.
 */
export function seatText(s: DashboardTable['seats'][number], botTakesFree = false): string {
  const people = s.names.join(', ') || (s.students.length ? `${s.students.join(', ')} (not here)` : '');
  if (s.bot)
    return s.names.length ? `bot, with ${people}` : s.students.length ? `bot for ${s.students.join(', ')}` : 'bot';
  return people || (botTakesFree ? 'free · a bot plays from the talks' : 'free');
}

const roleName = (c: ClassSummary, id: string) => c.scenario.roles.find((x) => x.id === id)?.name ?? id;

function absentText(c: ClassSummary, t: DashboardTable): string {
  const bot = (r: string) => t.seats.find((x) => x.role === r)?.bot === true;
  const all = t.flags.absent.every(bot);
  return `Absent: ${t.flags.absent.map((r) => `${roleName(c, r)}${!all && bot(r) ? ' (bot plays)' : ''}`).join(', ')}${all ? ' · bots play for them' : ''}`;
}

/** Settled clauses as a row of segments, one per issue, filled in the order they settled. */
function settledBar(t: DashboardTable): HTMLElement {
  const list = t.clauses.map((x) => `${x.title}: ${x.label} (round ${x.round})`);
  return h(
    'div',
    { class: 'clauses', 'data-field': 'settled' },
    h('span', { class: 'count' }, `Settled ${t.settled}/${t.issues}`),
    h(
      'span',
      { class: 'segments', role: 'img', 'aria-label': `${t.settled} of ${t.issues} issues settled` },
      ...Array.from({ length: t.issues }, (_, i) =>
        h('span', { class: i < t.settled ? 'on' : '', title: list[i] ?? 'open' }),
      ),
    ),
    list.length ? h('details', {}, h('summary', {}, 'Which'), h('ul', {}, ...list.map((x) => h('li', {}, x)))) : null,
  );
}

/** Meters as small labelled bars with their values. */
function meters(t: DashboardTable): HTMLElement {
  return h(
    'div',
    { class: 'meters' },
    ...t.meters.map((m) => {
      const pct = Math.round(((m.value - m.min) / (m.max - m.min || 1)) * 100);
      return h(
        'div',
        { class: 'm', title: `${m.label}: ${m.value} (${m.min}–${m.max})` },
        h('span', { class: 'ml' }, m.label),
        h('span', { class: 'mv' }, String(Math.round(m.value))),
        h(
          'span',
          { class: 'mb', 'aria-hidden': 'true' },
          h('span', { style: `width: ${Math.max(0, Math.min(100, pct))}%` }),
        ),
      );
    }),
  );
}

/** One table's card: where it is, who is there, what is settled, the meters, flags and controls. */
export function tableCard(c: ClassSummary, t: DashboardTable, controls: HTMLElement, observe: () => void): HTMLElement {
  const flags = [
    t.paused ? h('span', { class: 'flag paused' }, 'Paused') : null,
    t.flags.stuck ? h('span', { class: 'flag stuck' }, `Stuck: no move for ${c.settings.stuckMinutes}+ min`) : null,
    t.flags.absent.length ? h('span', { class: 'flag absent' }, absentText(c, t)) : null,
    t.outcome
      ? h('span', { class: `flag outcome ${t.outcome}` }, t.outcome === 'deal' ? 'Deal signed' : 'No deal')
      : null,
  ];
  return h(
    'article',
    {
      class: `table-card${t.flags.stuck || t.flags.absent.length ? ' warn' : ''}`,
      'data-table': t.code,
      'aria-label': `Table ${t.number}`,
    },
    h(
      'header',
      {},
      h('h3', {}, `Table ${t.number}`),
      h('code', {}, t.code),
      h('button', { type: 'button', class: 'observe', 'data-act': 'observe', onclick: observe }, 'Observe'),
    ),
    h(
      'p',
      { class: 'status' },
      h('strong', { 'data-field': 'phase' }, PHASE[t.phase] ?? t.phase),
      t.round ? h('span', { 'data-field': 'round' }, ` · round ${t.round}/${t.rounds}`) : '',
      t.secondsLeft !== null && t.phase !== 'ended'
        ? h('span', { class: 'timer', 'data-field': 'timer' }, ` · ${mmss(t.secondsLeft)}`)
        : '',
      t.turn ? ` · ${roleName(c, t.turn)} to move` : '',
    ),
    h('p', { class: 'flags', 'data-field': 'flags' }, ...flags),
    t.event ? h('p', { class: 'event' }, `News: ${t.event}`) : null,
    h(
      'ul',
      { class: 'seats' },
      ...t.seats.map((s) =>
        h(
          'li',
          {
            class: `seat ${s.status}${s.bot ? ' bot' : ''}`,
            style: `border-left: 6px solid ${s.color}`,
            'data-role': s.role,
          },
          h('span', { class: 'role' }, s.name),
          ' ',
          h('span', { class: 'who' }, seatText(s, c.settings.botsFill && (t.phase === 'setup' || t.phase === 'news'))),
          h('span', { class: 'dot', title: s.bot ? 'bot' : s.status, 'aria-label': s.bot ? 'bot' : s.status }),
        ),
      ),
    ),
    settledBar(t),
    meters(t),
    controls,
  );
}
