import type { ActionMessage } from '../../shared/protocol.js';
import { h, mmss } from './dom.js';
import type { ClassSummary, DashboardTable } from './class-api.js';

export type Control = (tables: DashboardTable[], action: ActionMessage) => void;

const PHASE: Record<string, string> = { setup: 'Not started', news: 'News', talks: 'Talks', moves: 'Moves', resolution: 'Resolution', ended: 'Ended' };

/** Buttons shared by a table card and the "all tables" bar. */
export function controlBar(c: ClassSummary, tables: () => DashboardTable[], run: Control, label: string): HTMLElement {
  const btn = (text: string, action: () => ActionMessage | null, extra: Record<string, string> = {}) =>
    h('button', { type: 'button', ...extra, onclick: () => {
      const a = action();
      if (a) run(tables(), a);
    } }, text);
  const events = h('select', { 'aria-label': `Event card to inject (${label})` }, ...c.scenario.events.map((e) => h('option', { value: e.id }, e.title)));
  const message = h('input', { type: 'text', maxlength: 500, placeholder: 'Message to the table', 'aria-label': `Message to broadcast (${label})` });
  return h(
    'div',
    { class: 'controls', role: 'group', 'aria-label': `Controls: ${label}` },
    btn('Start', () => ({ type: 'start' }), { 'data-act': 'start' }),
    btn('Pause', () => ({ type: 'pause' }), { 'data-act': 'pause' }),
    btn('Resume', () => ({ type: 'resume' }), { 'data-act': 'resume' }),
    btn('+1 min', () => ({ type: 'extend', seconds: 60 }), { 'data-act': 'extend' }),
    btn('Next phase', () => ({ type: 'advance' }), { 'data-act': 'advance' }),
    h('span', { class: 'group' }, events, btn('Inject', () => ({ type: 'inject', event: events.value }), { 'data-act': 'inject' })),
    h('span', { class: 'group' }, message, btn('Send', () => {
      const text = message.value.trim();
      if (!text) return null;
      message.value = '';
      return { type: 'chat', channel: 'public', text };
    }, { 'data-act': 'broadcast' })),
    btn('End', () => (confirm(`End the talks (${label})? This cannot be undone.`) ? { type: 'end' } : null), { 'data-act': 'end', class: 'danger' }),
  );
}

/** One table's card: where it is, who is there, what is settled, the meters, flags and controls. */
export function tableCard(c: ClassSummary, t: DashboardTable, controls: HTMLElement, observeUrl: string): HTMLElement {
  const flags = [
    t.paused ? h('span', { class: 'flag paused' }, 'Paused') : null,
    t.flags.stuck ? h('span', { class: 'flag stuck' }, `Stuck: no move for ${c.settings.stuckMinutes}+ min`) : null,
    t.flags.absent.length ? h('span', { class: 'flag absent' }, `Absent: ${t.flags.absent.map((r) => c.scenario.roles.find((x) => x.id === r)?.name ?? r).join(', ')}`) : null,
    t.outcome ? h('span', { class: `flag outcome ${t.outcome}` }, t.outcome === 'deal' ? 'Deal signed' : 'No deal') : null,
  ];
  return h(
    'article',
    { class: `table-card${t.flags.stuck || t.flags.absent.length ? ' warn' : ''}`, 'data-table': t.code, 'aria-label': `Table ${t.number}` },
    h('header', {}, h('h3', {}, `Table ${t.number}`), h('code', {}, t.code), h('a', { href: observeUrl, target: '_blank', rel: 'noopener', class: 'observe' }, 'Observe')),
    h(
      'p',
      { class: 'status' },
      h('strong', { 'data-field': 'phase' }, PHASE[t.phase] ?? t.phase),
      t.round ? ` · round ${t.round}/${t.rounds}` : '',
      h('span', { class: 'timer', 'data-field': 'timer' }, ` · ${mmss(t.secondsLeft)}`),
      t.turn ? ` · ${c.scenario.roles.find((r) => r.id === t.turn)?.name ?? t.turn} to move` : '',
    ),
    h('p', { class: 'flags', 'data-field': 'flags' }, ...flags),
    t.event ? h('p', { class: 'event' }, `News: ${t.event}`) : null,
    h(
      'ul',
      { class: 'seats' },
      ...t.seats.map((s) =>
        h('li', { class: `seat ${s.status}`, style: `border-left: 6px solid ${s.color}` }, h('span', { class: 'role' }, s.name), ' ', h('span', { class: 'who' }, s.names.join(', ') || (s.students.length ? `${s.students.join(', ')} (not here)` : 'free')), h('span', { class: 'dot', title: s.status, 'aria-label': s.status })),
      ),
    ),
    h('p', { class: 'clauses' }, `Settled ${t.settled}/${t.issues}`, t.clauses.length ? `: ${t.clauses.map((x) => `${x.title} — ${x.label}`).join('; ')}` : ''),
    h('div', { class: 'meters' }, ...t.meters.map((m) => h('label', {}, m.label, h('meter', { min: m.min, max: m.max, value: m.value, title: String(m.value) })))),
    controls,
  );
}
