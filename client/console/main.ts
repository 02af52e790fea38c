import { h, hashParams, saveFile } from './dom.js';
import { classApi, type ClassSummary, type DashboardTable } from './class-api.js';
import { createForm } from './create-form.js';
import { controlBar, tableCard, type Control } from './dashboard-view.js';
import { Facilitator } from './facilitator.js';
import { openGame } from './launch.js';
import { openObserver } from './observe-view.js';
import { seatingView } from './seating-view.js';
import { consoleLink, forgetClass, recentClasses, rememberClass, studentOrigin } from './recent.js';
import { requestJson } from '../net/http.js';

// The facilitator console: create a class, then seat, watch and steer every table.

const root = document.getElementById('app')!;
const POLL_MS = 2000;

/** What the status line says once a control has reached the tables ("Paused at all 3 tables."). */
const DONE: Record<string, string> = {
  chat: 'message sent',
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  extend: 'one minute added',
  advance: 'moved on to the next phase',
  inject: 'news card dealt',
  end: 'ended',
};

/** How long a report that something worked stays on the status bar, ms (errors stay until the next report). */
const INFO_MS = 10_000;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

/** The status bar at the foot of the page: what a control did, or why it failed. */
function notice(text: string, kind: 'info' | 'error' = 'info'): void {
  const box = document.getElementById('notice')!;
  box.className = kind;
  box.textContent = text;
  clearTimeout(noticeTimer);
  // The bar covers the foot of the page: a success leaves it once read.
  if (kind === 'info' && text) noticeTimer = setTimeout(() => (box.textContent = ''), INFO_MS);
}

async function start(): Promise<void> {
  const p = hashParams();
  const id = p.get('class');
  const key = p.get('key');
  // A class link without its key is refused like a wrong key: the server decides, the page only reports.
  if (id) return runClass(id, key ?? '', false);
  await createForm(
    root,
    (c) => {
      // replaceState: no hashchange, so the page stays (the bookmark step says "first").
      history.replaceState(null, '', `#class=${c.classId}&key=${c.facilitatorKey}`);
      void runClass(c.classId, c.facilitatorKey, true);
    },
    recentList(),
  );
  focusHeading();
}

/** Focus the page's heading after a screen change, so keyboard and screen-reader users start at the top. */
function focusHeading(): void {
  const h1 = root.querySelector<HTMLElement>('h1, h2');
  if (!h1) return;
  h1.tabIndex = -1;
  h1.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

/** This browser's recent classes, above the create form; nothing when there are none. */
function recentList(): HTMLElement[] {
  const list = recentClasses();
  if (!list.length) return [];
  const section = h(
    'section',
    { class: 'recent', 'aria-labelledby': 'recent-h', 'data-field': 'recent-classes' },
    h('h2', { id: 'recent-h' }, 'Your classes on this browser'),
    h(
      'ul',
      {},
      ...list.map((c) =>
        h(
          'li',
          {},
          h('a', { href: consoleLink(window.location.origin, c.id, c.key), 'data-class': c.code }, `Class ${c.code}`),
          ` · ${c.title} · opened ${new Date(c.openedAt).toLocaleString()} `,
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'aria-label': `Forget class ${c.code} on this browser`,
              onclick: (e: Event) => {
                forgetClass(c.id);
                (e.target as HTMLElement).closest('li')?.remove();
              },
            },
            'Forget',
          ),
        ),
      ),
    ),
  );
  return [section];
}

/** "Keep this console": the bookmark step, with the link and a copy button. */
function keepStep(id: string, key: string, fresh: boolean): HTMLElement {
  const link = consoleLink(window.location.origin, id, key);
  const input = h('input', {
    type: 'text',
    readonly: true,
    value: link,
    'aria-label': 'Console link (holds the facilitator key)',
    'data-field': 'console-link',
    size: 50,
  });
  const said = h('span', { class: 'copied', role: 'status' });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // Plain http on a LAN has no clipboard API: select the text and use the older command.
      input.select();
      document.execCommand('copy');
    }
    said.textContent = 'Copied. Paste it somewhere safe (not where students can see it).';
  };
  const body = [
    h(
      'p',
      {},
      "This page's address is the only key to the class: pause, end, debrief and exports. Bookmark it (Ctrl+D, or ⌘D on a Mac) or copy the link and keep it private. This browser also lists the class when you open console.html again.",
    ),
    h(
      'div',
      { class: 'controls' },
      input,
      h('button', { type: 'button', 'data-act': 'copy-link', onclick: () => void copy() }, 'Copy the console link'),
      said,
    ),
  ];
  if (fresh)
    return h(
      'section',
      { class: 'keep fresh', 'aria-labelledby': 'keep-h', 'data-field': 'keep-console' },
      h('h2', { id: 'keep-h' }, 'First: bookmark this page'),
      ...body,
    );
  // Opened again (the bookmark worked): one line that opens on a click, so the tables come first on the screen.
  return h(
    'details',
    { class: 'keep', 'data-field': 'keep-console' },
    h('summary', {}, h('h2', { id: 'keep-h' }, 'Keep this console')),
    ...body,
  );
}

async function studentAddress(): Promise<{ origin: string; local: boolean }> {
  const lan = await requestJson<{ lanAddresses?: string[] }>('/api/info').then(
    (i) => i.lanAddresses ?? [],
    () => [],
  );
  return studentOrigin(window.location, lan);
}

async function runClass(id: string, key: string, fresh: boolean): Promise<void> {
  let summary: ClassSummary;
  try {
    summary = await classApi.summary(id, key);
  } catch (e) {
    root.replaceChildren(
      h(
        'section',
        { class: 'refused', role: 'alert' },
        h('h1', {}, 'No access'),
        h('p', {}, (e as Error).message),
        h('p', {}, 'Open the console with the secret link you got when you created the class.'),
      ),
    );
    focusHeading();
    return;
  }
  rememberClass({ id, key, code: summary.classCode, title: summary.scenario.title });
  const fac = new Facilitator(key);
  let rows: DashboardTable[] = [];
  const controls = new Map<string, HTMLElement>();

  const runAll = async (tables: DashboardTable[], action: Parameters<Control>[1]) => {
    const results = await fac.actAll(tables, action);
    const bad = results.filter((r) => !r.result.ok);
    const done = results.length - bad.length;
    const what = DONE[action.type] ?? `${action.type} done`;
    notice(
      bad.length
        ? `${what} at ${done} of ${results.length} tables. ${bad.map((b) => `Table ${b.number}: ${!b.result.ok ? b.result.message : ''}`).join(' ')}`
        : `${what[0].toUpperCase()}${what.slice(1)} at ${results.length === 1 ? `table ${results[0].number}` : `all ${results.length} tables`}.`,
      bad.length && !done ? 'error' : 'info',
    );
    void refresh();
  };
  const run: Control = (tables, action) => {
    runAll(tables, action).catch((e: unknown) => notice((e as Error).message, 'error'));
  };

  const moveStudent = async (playerId: string, table: number, role: string) => {
    try {
      const r = await classApi.move(id, key, playerId, table, role);
      notice(r.moved.map((m) => `${m.name} → table ${m.table}, ${m.roleName}`).join('; '));
    } catch (e) {
      notice((e as Error).message, 'error');
    }
    summary = await classApi.summary(id, key);
    seating.replaceWith((seating = seatingView(summary, move)));
  };
  const move = (playerId: string, table: number, role: string) => {
    moveStudent(playerId, table, role).catch((e: unknown) => notice((e as Error).message, 'error'));
  };

  const where = await studentAddress();
  const joinUrl = `${where.origin}/class.html`;
  const header = h(
    'header',
    { class: 'projector' },
    h(
      'div',
      {},
      h('h1', { class: 'sr-only' }, `Facilitator console, class ${summary.classCode}`),
      h(
        'p',
        { class: 'join' },
        'Go to ',
        h('strong', { 'data-field': 'join-url' }, joinUrl),
        ' and type the class code',
      ),
      where.local
        ? h(
            'p',
            { class: 'error' },
            "This address works on this computer only: open the console with the server's network address so students can reach it.",
          )
        : null,
      h('p', { class: 'class-code', 'aria-label': 'Class code', 'data-field': 'class-code' }, summary.classCode),
    ),
    h(
      'div',
      { class: 'meta' },
      h('p', {}, summary.scenario.title),
      h(
        'p',
        {},
        h(
          'a',
          { href: `/debrief.html#class=${id}&key=${key}`, target: '_blank', rel: 'noopener' },
          'Open the class debrief',
        ),
      ),
    ),
  );
  const exports = h(
    'div',
    { class: 'exports', role: 'group', 'aria-label': 'Exports' },
    ...[
      ['events.json', 'Event log (JSON)', 'application/json'],
      ['scores.csv', 'Scores (CSV)', 'text/csv'],
      ['settlements.csv', 'Settlements (CSV)', 'text/csv'],
    ].map(([file, label, type]) =>
      h(
        'button',
        {
          type: 'button',
          'data-export': file,
          onclick: () => {
            classApi.exportFile(id, key, file).then(
              (body) => saveFile(`class-${summary.classCode}-${file}`, type, body),
              (e: unknown) => notice((e as Error).message, 'error'),
            );
          },
        },
        label,
      ),
    ),
  );
  const allBar = controlBar(summary, () => rows, run, 'all tables');
  const addOneTable = async () => {
    try {
      const t = await classApi.addTable(id, key);
      notice(`Table ${t.number} (${t.code}) added.`);
      void refresh();
    } catch (e) {
      notice((e as Error).message, 'error');
    }
  };
  const addTable = h(
    'button',
    { type: 'button', 'data-act': 'add-table', onclick: () => void addOneTable() },
    'Add a table',
  );
  let seating = seatingView(summary, move);
  const grid = h('section', { class: 'grid', 'aria-label': 'Tables' });
  root.replaceChildren(
    header,
    keepStep(id, key, fresh),
    h(
      'section',
      { class: 'all' },
      h('h2', {}, 'All tables'),
      allBar,
      h('div', { class: 'controls' }, addTable),
      exports,
    ),
    grid,
    seating,
  );
  fac.warm(summary.tables);
  focusHeading();

  async function refresh(): Promise<void> {
    try {
      const [d, next] = await Promise.all([classApi.dashboard(id, key), classApi.summary(id, key)]);
      rows = d.tables;
      if (JSON.stringify([next.tables, next.students]) !== JSON.stringify([summary.tables, summary.students])) {
        summary = next;
        seating.replaceWith((seating = seatingView(summary, move)));
        fac.warm(summary.tables);
      }
      // The cards are redrawn on every poll: keep the clause lists the instructor opened.
      const open = new Set(
        [...grid.querySelectorAll<HTMLElement>('.table-card:has(details[open])')].map((el) => el.dataset.table),
      );
      grid.replaceChildren(
        ...rows.map((t) => {
          let bar = controls.get(t.code);
          if (!bar)
            controls.set(
              t.code,
              (bar = controlBar(summary, () => rows.filter((r) => r.code === t.code), run, `table ${t.number}`)),
            );
          const observe = () =>
            openObserver(
              fac,
              t,
              () => openGame({ code: t.code, role: 'facilitator', name: 'Facilitator', facilitatorKey: key }, true),
              (text) => notice(text, 'error'),
            );
          const card = tableCard(summary, t, bar, observe);
          if (open.has(t.code)) card.querySelector('details')?.setAttribute('open', '');
          return card;
        }),
      );
    } catch (e) {
      notice((e as Error).message, 'error');
    }
  }
  await refresh();
  setInterval(() => void refresh(), POLL_MS);
  window.addEventListener('beforeunload', () => void fac.close());
}

// A recent class's link (or a pasted console link) changes only the fragment: open that class.
window.addEventListener('hashchange', () => window.location.reload());
void start();
