import { h } from './dom.js';
import type { Facilitator } from './facilitator.js';
import { observeModel, usesLeft, type ObserveModel } from './observe-model.js';

const STATUS: Record<string, string> = {
  open: 'open',
  accepted: 'accepted',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  countered: 'countered',
  lapsed: 'lapsed',
};

function render(m: ObserveModel, setBot: (role: string, on: boolean) => void): HTMLElement[] {
  const delegations = h(
    'div',
    { class: 'obs-delegations' },
    ...m.delegations.map((d) =>
      h(
        'article',
        { class: 'obs-delegation', style: `border-top: 8px solid ${d.color}`, 'data-role': d.id },
        h(
          'div',
          { class: 'obs-head' },
          h('h3', {}, d.name),
          d.bot ? h('span', { class: 'tag bot' }, 'bot plays') : null,
          d.seatText && !d.bot ? h('span', { class: 'hint seat-text' }, d.seatText) : null,
          // A bot only for an empty seat or an absent student's; a present student keeps their seat.
          m.live && (d.bot || d.botAllowed)
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  'data-act': d.bot ? 'bot-off' : 'bot-on',
                  onclick: () => setBot(d.id, !d.bot),
                },
                d.bot ? 'Take the bot out' : 'Let a bot play',
              )
            : null,
        ),
        h(
          'p',
          { class: 'obs-numbers' },
          h('span', {}, 'Walk-away now ', h('strong', { 'data-field': 'walk-away' }, String(d.walkAway))),
          h('span', {}, 'Settled so far ', h('strong', {}, String(d.settledPoints))),
        ),
        d.state.length ? h('p', { class: 'obs-state' }, d.state.join(' · ')) : null,
        h(
          'details',
          {},
          h('summary', {}, 'Confidential brief'),
          h('p', { class: 'obs-brief' }, d.brief),
          h('p', {}, h('strong', {}, 'Fear at home: '), d.domesticFear),
        ),
        h('p', {}, h('strong', {}, 'Priorities: '), d.priorities.join('; ')),
        d.redLines.length ? h('p', { class: 'obs-red' }, h('strong', {}, 'Red lines: '), d.redLines.join('; ')) : null,
        d.levers.length
          ? h(
              'p',
              {},
              h('strong', {}, 'Levers: '),
              d.levers.map((l) => `${l.label} (${usesLeft(l.used, l.uses)})`).join('; '),
            )
          : null,
      ),
    ),
  );
  const offers = m.offers.length
    ? h(
        'table',
        { class: 'obs-offers' },
        h(
          'thead',
          {},
          h('tr', {}, ...['Round', 'From', 'To', 'Terms', 'Status', 'Worth to each'].map((x) => h('th', {}, x))),
        ),
        h(
          'tbody',
          {},
          ...m.offers.map((o) =>
            h(
              'tr',
              { class: o.private ? 'private' : '' },
              h('td', {}, String(o.round)),
              h('td', {}, o.from),
              h('td', {}, o.to, o.private ? h('span', { class: 'tag' }, 'private') : null),
              h('td', {}, o.terms, o.note ? h('div', { class: 'note' }, `“${o.note}”`) : null),
              h('td', {}, STATUS[o.status] ?? o.status),
              h('td', { class: 'worth' }, o.value.map((x) => `${x.name} ${x.points}`).join(' · ')),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, 'No offers yet.');
  const chats = m.channels.length
    ? h(
        'div',
        { class: 'obs-channels' },
        ...m.channels.map((c) =>
          h(
            'section',
            { class: 'obs-channel', 'data-channel': c.id },
            h('h4', {}, c.label),
            h(
              'ol',
              {},
              ...c.messages.map((x) =>
                h('li', {}, h('span', { class: 'when' }, `R${x.round} `), h('strong', {}, `${x.from}: `), x.text),
              ),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, 'Nobody has written yet.');
  return [
    h('p', { class: 'obs-status', 'data-field': 'observe-status' }, m.status),
    delegations,
    h('h3', {}, 'Settled clauses'),
    m.clauses.length
      ? h('ul', { class: 'obs-clauses' }, ...m.clauses.map((c) => h('li', {}, c)))
      : h('p', { class: 'muted' }, 'None yet.'),
    h('h3', {}, 'Offers (newest first)'),
    offers,
    h('h3', {}, 'Every channel'),
    chats,
    ...(m.botNotes.length
      ? [
          h('h3', {}, 'Why the bots moved and spoke (only you see the reasoning)'),
          h(
            'ol',
            { class: 'obs-notes' },
            ...m.botNotes.map((n) =>
              h(
                'li',
                {},
                h('span', { class: 'when' }, `R${n.round} `),
                h('strong', {}, `${n.who}${n.where ? ` in ${n.where}` : ''}: `),
                n.reason,
                h('div', { class: 'muted' }, n.reasoning),
              ),
            ),
          ),
        ]
      : []),
    h('h3', {}, 'Moves (newest first)'),
    h(
      'ol',
      { class: 'obs-timeline' },
      ...m.timeline.map((t) =>
        h(
          'li',
          { class: t.private ? 'private' : '' },
          h('span', { class: 'when' }, `R${t.round} `),
          // Whose line it is: "To Russia: Your walk-away value moves by -1 ...".
          t.to ? h('strong', { class: 'to' }, `To ${t.to}: `) : null,
          t.text,
        ),
      ),
    ),
  ];
}

/**
 * A full-screen panel showing one table with full information (every brief, offer and channel),
 * live from the facilitator's connection to that table.
 */
export function openObserver(
  fac: Facilitator,
  t: { number: number; code: string; roomId: string },
  openGame: () => void,
  notice: (text: string) => void,
): void {
  document.querySelector('dialog.observe')?.remove();
  const body = h('div', { class: 'obs-body' }, h('p', {}, 'Connecting to the table…'));
  // Refusals show inside the dialog: the page's notice bar is behind the modal.
  const refusal = h('p', { class: 'error obs-error', role: 'alert', 'data-field': 'observe-error' });
  const close = h('button', { type: 'button', class: 'close' }, 'Close');
  const dialog = h(
    'dialog',
    { class: 'observe', 'aria-label': `Observe table ${t.number}`, 'data-table': t.code },
    h(
      'header',
      {},
      h('h2', {}, `Table ${t.number} · `, h('code', {}, t.code), ' · full information'),
      h('button', { type: 'button', onclick: openGame }, 'Open the game as facilitator'),
      close,
    ),
    refusal,
    body,
  );
  const setBot = (role: string, on: boolean) =>
    void fac.setBot(t, role, on).then((r) => {
      refusal.textContent = r.ok ? '' : r.message;
      if (!r.ok) notice(r.message);
    });
  const draw = () => {
    const o = fac.observed(t.code);
    if (!o) return;
    // Keep the briefs the instructor has opened.
    const open = new Set(
      [...body.querySelectorAll('article[data-role] details[open]')].map((d) => d.closest('article')?.dataset.role),
    );
    body.replaceChildren(...render(observeModel(o.scenario, o.view, o.now, o), setBot));
    for (const a of body.querySelectorAll<HTMLElement>('article[data-role]'))
      if (open.has(a.dataset.role)) a.querySelector('details')?.setAttribute('open', '');
  };
  const tick = () => {
    const o = fac.observed(t.code);
    const el = body.querySelector('[data-field=observe-status]');
    if (o && el) el.textContent = observeModel(o.scenario, o.view, o.now, o).status;
  };
  const stop = fac.watch(t, draw);
  const timer = setInterval(tick, 1000);
  const done = () => {
    stop();
    clearInterval(timer);
    dialog.remove();
  };
  close.addEventListener('click', done);
  dialog.addEventListener('close', done);
  document.body.append(dialog);
  dialog.showModal();
}
