import { h } from './dom.js';
import type { ClassSummary } from './class-api.js';

/** The seating grid's heading: "Seating (1 student)", "Seating (12 students)". */
export function seatingTitle(students: number): string {
  return `Seating (${students} ${students === 1 ? 'student' : 'students'})`;
}

/**
 * Seats of the class as a grid (tables x delegations). Students can be dragged to another seat,
 * or moved with the select on their name (keyboard and screen readers).
 */
export function seatingView(
  c: ClassSummary,
  move: (playerId: string, table: number, role: string) => void,
): HTMLElement {
  const roles = c.scenario.roles;
  const targets = c.tables.flatMap((t) =>
    roles.map((r) => ({ table: t.number, role: r.id, label: `Table ${t.number} · ${r.name}` })),
  );
  const chip = (s: ClassSummary['students'][number]) => {
    const sel = h(
      'select',
      { 'aria-label': `Move ${s.name}`, class: 'move', 'data-player': s.playerId },
      ...targets.map((t) =>
        h('option', { value: `${t.table}|${t.role}`, selected: t.table === s.table && t.role === s.role }, t.label),
      ),
    );
    sel.addEventListener('change', () => {
      const [table, role] = sel.value.split('|');
      move(s.playerId, Number(table), role);
    });
    const el = h(
      'li',
      { class: 'student', draggable: 'true', 'data-player': s.playerId },
      h('span', { class: 'name' }, s.name),
      sel,
    );
    el.addEventListener('dragstart', (ev) => ev.dataTransfer?.setData('text/plain', s.playerId));
    return el;
  };
  const cell = (table: number, role: string) => {
    const here = c.students.filter((s) => s.table === table && s.role === role);
    const td = h(
      'td',
      { 'data-table': table, 'data-role': role },
      here.length
        ? h('ul', {}, ...here.map(chip))
        : h('span', { class: 'empty' }, c.settings.botsFill ? 'bot' : 'empty'),
    );
    td.addEventListener('dragover', (ev) => {
      ev.preventDefault();
      td.classList.add('drop');
    });
    td.addEventListener('dragleave', () => td.classList.remove('drop'));
    td.addEventListener('drop', (ev) => {
      ev.preventDefault();
      td.classList.remove('drop');
      const id = ev.dataTransfer?.getData('text/plain');
      if (id) move(id, table, role);
    });
    return td;
  };
  return h(
    'section',
    { class: 'seating', 'aria-label': 'Seating' },
    h('h2', {}, seatingTitle(c.students.length)),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Table'),
          ...roles.map((r) => h('th', { style: `border-bottom: 4px solid ${r.color}` }, r.name)),
        ),
      ),
      h(
        'tbody',
        {},
        ...c.tables.map((t) =>
          h('tr', {}, h('th', {}, `${t.number} · ${t.code}`), ...roles.map((r) => cell(t.number, r.id))),
        ),
      ),
    ),
  );
}
