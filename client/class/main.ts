import { h, hashParams } from '../console/dom.js';
import type { ClassSeat } from '../../shared/class-protocol.js';
import { classApi } from '../console/class-api.js';
import { sendOnce } from '../net/http.js';
import { openGame } from '../console/launch.js';
import { playerId, session } from '../session.js';
import { connectionCheck } from '../panels/connection-check.js';

// A student joins a class with its code and a name, and is told where to sit. The page stays
// open beside the game: it tells the student when the instructor moves them, and when the
// debrief of their table opens.

const root = document.getElementById('app')!;
root.after(connectionCheck());
const POLL_MS = 4000;
const TITLE = document.title;
let timer: ReturnType<typeof setInterval> | null = null;

function joinForm(prefill: string): void {
  const error = h('p', { class: 'error', role: 'alert' });
  const code = h('input', {
    name: 'code',
    required: true,
    maxlength: 12,
    autocomplete: 'off',
    value: prefill,
    'aria-label': 'Class code',
    class: 'code-input',
  });
  const name = h('input', {
    name: 'name',
    required: true,
    maxlength: 40,
    autocomplete: 'nickname',
    value: session.lastName(),
    'aria-label': 'Your name',
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Join');
  const form = h(
    'form',
    { class: 'create join', 'aria-label': 'Join a class' },
    h('h1', {}, 'Join your class'),
    h('label', {}, 'Class code ', code),
    h('label', {}, 'Your name ', name),
    submit,
    error,
  );
  const join = async () => {
    error.textContent = '';
    try {
      session.rememberName(name.value.trim());
      // Disabled while joining; the seat card then replaces the form.
      const seat = await sendOnce(submit, () =>
        classApi.join(code.value.trim().toUpperCase(), name.value.trim(), playerId()),
      );
      if (!seat) return;
      history.replaceState(null, '', `#code=${seat.classCode}`);
      session.rememberClass(seat.classCode);
      showSeat(seat);
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    // Fire and forget: join() shows its own errors under the form.
    void join();
  });
  root.replaceChildren(form);
  code.focus();
}

function showSeat(seat: ClassSeat, moved = false): void {
  const go = () => openGame({ code: seat.tableCode, role: seat.role, name: seat.name }, true);
  const debrief = h(
    'p',
    { class: 'debrief-link', 'data-field': 'debrief', hidden: true },
    'Your game has ended. ',
    h(
      'a',
      { href: `./debrief.html#table=${seat.tableCode}`, target: '_blank', rel: 'noopener' },
      'Open your table’s debrief',
    ),
    '.',
  );
  const card = h(
    'section',
    {
      class: `create seat-card${moved ? ' moved' : ''}`,
      'aria-live': 'polite',
      'data-table': seat.tableCode,
      'data-role': seat.role,
    },
    h('h1', {}, moved ? 'Your instructor moved you' : 'You are seated'),
    h(
      'p',
      { class: 'big' },
      'You play ',
      h('strong', { 'data-field': 'role' }, seat.roleName),
      ' at table ',
      h('strong', { 'data-field': 'table' }, String(seat.table)),
      '.',
    ),
    h('p', {}, 'Table code ', h('code', { class: 'table-code' }, seat.tableCode)),
    h(
      'p',
      {},
      h(
        'button',
        { type: 'button', class: 'primary', 'data-go': 'table', onclick: go },
        moved ? 'Go to your new table' : 'Go to your table',
      ),
    ),
    h(
      'p',
      { class: 'muted', 'data-field': 'while-playing' },
      'The game opens in a new tab. If your instructor moves you, the game follows you to your new seat. Keep this page open: it also links your table’s debrief when the game ends.',
    ),
    debrief,
  );
  root.replaceChildren(card);
  // After the screen changes, keyboard and screen-reader users start at its heading, not the page body.
  const heading = card.querySelector('h1')!;
  heading.tabIndex = -1;
  heading.focus();
  document.title = moved ? `Moved: table ${seat.table} · ${TITLE}` : TITLE;
  if (timer) clearInterval(timer);
  timer = setInterval(() => void poll(seat, card, debrief), POLL_MS);
  void poll(seat, card, debrief);
}

async function poll(seat: ClassSeat, card: HTMLElement, debrief: HTMLElement): Promise<void> {
  try {
    const now = await classApi.seat(seat.classCode, playerId());
    if (now.tableCode !== seat.tableCode || now.role !== seat.role) return showSeat(now, true);
    // The public debrief opens when the game at this table has ended; the page then says so first.
    debrief.hidden = !now.ended;
    if (now.ended) showEnded(card);
  } catch {
    // The server is unreachable: the next poll tries again.
  }
}

/** The seat card once the game is over: its heading says so, and the way back to the table gives way to the debrief. */
function showEnded(card: HTMLElement): void {
  const heading = card.querySelector('h1')!;
  if (heading.textContent === 'Your game has ended') return;
  heading.textContent = 'Your game has ended';
  const go = card.querySelector<HTMLButtonElement>('[data-go=table]');
  if (go) {
    go.classList.remove('primary');
    go.textContent = 'See the final table';
  }
  // What to keep the page open for during the game is done with: the debrief below says what is left.
  const note = card.querySelector<HTMLElement>('[data-field=while-playing]');
  if (note) note.hidden = true;
  document.title = `Ended · ${TITLE}`;
}

async function start(): Promise<void> {
  const given = hashParams().get('code') ?? new URLSearchParams(window.location.search).get('code') ?? '';
  // Without a code in the address (a reopened page, a bookmark), the class this browser joined last.
  const code = given || session.lastClass();
  if (code) {
    try {
      const seat = await classApi.seat(code, playerId());
      if (!given) history.replaceState(null, '', `#code=${seat.classCode}`);
      return showSeat(seat);
    } catch {
      // Not seated yet (or that class is over): show the form.
    }
  }
  joinForm(given.toUpperCase());
}

void start();
