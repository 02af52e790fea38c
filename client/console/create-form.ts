import { h } from './dom.js';
import { api, type ScenarioSummary } from '../net/api.js';
import { classApi, type CreatedClass } from './class-api.js';

/** The "create a class" form; calls back with the new class. */
export async function createForm(root: HTMLElement, onCreated: (c: CreatedClass) => void): Promise<void> {
  let scenarios: ScenarioSummary[];
  try {
    scenarios = await api.scenarios();
  } catch (e) {
    root.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${(e as Error).message} Reload the page to try again.`));
    return;
  }
  // A shared server may ask instructors for a passphrase (GET /api/server); the field shows only then.
  const server = await api.server().catch(() => null);
  const passphrase = server?.passphraseRequired
    ? h('label', {}, 'Instructor passphrase', h('input', { type: 'password', name: 'passphrase', required: true, maxlength: 256, autocomplete: 'current-password' }))
    : null;
  const num = (name: string, value: number, min: number, max: number, label: string) =>
    h('label', {}, label, h('input', { type: 'number', name, value, min, max, required: true }));
  const error = h('p', { class: 'error', role: 'alert' });
  const first = scenarios[0];
  const form = h(
    'form',
    { class: 'create', 'aria-label': 'Create a class' },
    h('h1', {}, 'Run a class'),
    h('label', {}, 'Scenario', h('select', { name: 'scenario' }, ...scenarios.map((s) => h('option', { value: s.id }, s.title)))),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Tables'),
      h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'tablesMode', value: 'auto', checked: true }), ' One table per four students (opens as they arrive)'),
      h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'tablesMode', value: 'fixed' }), ' A fixed number: ', h('input', { type: 'number', name: 'tables', value: 4, min: 1, max: 20, 'aria-label': 'Number of tables' })),
    ),
    num('rounds', first?.rounds.default ?? 6, 1, 20, 'Rounds'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Phase lengths (seconds, 0 = no timer)'),
      num('news', first?.phaseSeconds.news ?? 30, 0, 600, 'News'),
      num('talks', first?.phaseSeconds.talks ?? 300, 0, 3600, 'Talks'),
      num('moves', first?.phaseSeconds.moves ?? 60, 0, 600, 'Each move'),
      num('resolution', first?.phaseSeconds.resolution ?? 15, 0, 600, 'Resolution'),
    ),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'botsFill', checked: true }), ' Bots take the seats no student holds when a table starts'),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'standIn', checked: true }), ' A bot stands in for a student who drops out (until they come back)'),
    num('stuckMinutes', 5, 1, 60, 'Flag a table as stuck after this many minutes without a move'),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'teams', checked: true }), ' Students share a delegation when there are more students than seats'),
    passphrase,
    h('button', { type: 'submit' }, 'Create the class'),
    error,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const n = (k: string) => Number(f.get(k));
    try {
      const c = await classApi.create({
        scenario: String(f.get('scenario')),
        tables: f.get('tablesMode') === 'auto' ? 'auto' : n('tables'),
        rounds: n('rounds'),
        phaseSeconds: { news: n('news'), talks: n('talks'), moves: n('moves'), resolution: n('resolution') },
        botsFill: f.get('botsFill') === 'on',
        standIn: f.get('standIn') === 'on',
        stuckMinutes: n('stuckMinutes'),
        teams: f.get('teams') === 'on',
        ...(f.get('passphrase') ? { passphrase: String(f.get('passphrase')) } : {}),
      });
      onCreated(c);
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  });
  root.replaceChildren(form);
}
