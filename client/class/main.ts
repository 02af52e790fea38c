import { h, hashParams } from '../console/dom.js';
import { classApi, gameUrl, type Seat } from '../console/class-api.js';

// A student joins a class with its code and a name, and is told where to sit.

const root = document.getElementById('app')!;
const PLAYER_KEY = 'negotiation.playerId';
const NAME_KEY = 'negotiation.name';
const POLL_MS = 4000;

function playerId(): string {
  let id = localStorage.getItem(PLAYER_KEY);
  if (!id) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(PLAYER_KEY, id);
  }
  return id;
}

function joinForm(prefill: string): void {
  const error = h('p', { class: 'error', role: 'alert' });
  const code = h('input', { name: 'code', required: true, maxlength: 12, autocomplete: 'off', value: prefill, 'aria-label': 'Class code', style: 'text-transform: uppercase' });
  const name = h('input', { name: 'name', required: true, maxlength: 40, value: localStorage.getItem(NAME_KEY) ?? '', 'aria-label': 'Your name' });
  const form = h('form', { class: 'create', 'aria-label': 'Join a class' }, h('h1', {}, 'Join your class'), h('label', {}, 'Class code ', code), h('label', {}, 'Your name ', name), h('button', { type: 'submit' }, 'Join'), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      localStorage.setItem(NAME_KEY, name.value.trim());
      const seat = await classApi.join(code.value.trim().toUpperCase(), name.value.trim(), playerId());
      history.replaceState(null, '', `#code=${seat.classCode}`);
      showSeat(seat);
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  });
  root.replaceChildren(form);
}

function showSeat(seat: Seat, moved = false): void {
  const card = h(
    'section',
    { class: 'create seat-card', 'aria-live': 'polite', 'data-table': seat.tableCode, 'data-role': seat.role },
    h('h1', {}, moved ? 'Your instructor moved you' : 'You are seated'),
    h('p', { class: 'big' }, 'You play ', h('strong', { 'data-field': 'role' }, seat.roleName), ' at table ', h('strong', { 'data-field': 'table' }, String(seat.table)), ' (code ', h('code', {}, seat.tableCode), ').'),
    h('p', {}, h('a', { class: 'button', href: gameUrl({ code: seat.tableCode, role: seat.role, name: seat.name, playerId: playerId(), classCode: seat.classCode }), 'data-go': 'table' }, 'Go to your table')),
    h('p', {}, 'After the game: ', h('a', { href: `/debrief.html#table=${seat.tableCode}` }, 'your table’s debrief'), '.'),
  );
  root.replaceChildren(card);
  const timer = setInterval(async () => {
    try {
      const now = await classApi.seat(seat.classCode, playerId());
      if (now.tableCode !== seat.tableCode || now.role !== seat.role) {
        clearInterval(timer);
        showSeat(now, true);
      }
    } catch {
      // Keep showing the last known seat; the next poll tries again.
    }
  }, POLL_MS);
}

async function start(): Promise<void> {
  const code = hashParams().get('code') ?? new URLSearchParams(window.location.search).get('code') ?? '';
  if (code) {
    try {
      return showSeat(await classApi.seat(code, playerId()));
    } catch {
      // Not seated yet: show the form.
    }
  }
  joinForm(code.toUpperCase());
}

void start();
