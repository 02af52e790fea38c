import { h } from './dom.js';
import { api, type ScenarioSummary } from '../net/api.js';
import { sendOnce } from '../net/http.js';
import { classApi, type CreatedClass } from './class-api.js';
import {
  DEFAULT_PRESET,
  matchingPreset,
  presetFor,
  PRESETS,
  totalTimeText,
  type PhaseSeconds,
} from '../presenters/presets.js';

/** The scenario a class gets unless the instructor picks another: the Ukraine talks. */
export const DEFAULT_SCENARIO_ID = 'ukraine_peace_talks';
const PHASES = ['news', 'talks', 'moves', 'resolution'] as const;

/** The "create a class" form, preset for a 50-minute class of the Ukraine talks; calls back with the new class. */
export async function createForm(
  root: HTMLElement,
  onCreated: (c: CreatedClass) => void,
  before: HTMLElement[] = [],
): Promise<void> {
  let scenarios: ScenarioSummary[];
  try {
    scenarios = await api.scenarios();
  } catch (e) {
    root.replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `${(e as Error).message} Reload the page to try again.`),
    );
    return;
  }
  // A shared server may ask instructors for a passphrase (GET /api/server); the field shows only then.
  const server = await api.server().catch(() => null);
  const passphrase = server?.passphraseRequired
    ? h(
        'label',
        {},
        'Instructor passphrase',
        h('input', {
          type: 'password',
          name: 'passphrase',
          required: true,
          maxlength: 256,
          autocomplete: 'current-password',
        }),
      )
    : null;
  const num = (name: string, value: number, min: number, max: number, label: string) =>
    h('label', {}, label, h('input', { type: 'number', name, value, min, max, required: true }));
  const error = h('p', { class: 'error', role: 'alert' });
  const total = h('p', { class: 'total-time', 'data-field': 'total-time', 'aria-live': 'polite' });
  const chosen = scenarios.find((s) => s.id === DEFAULT_SCENARIO_ID) ?? scenarios[0];
  const fitted = presetFor(DEFAULT_PRESET, chosen?.rounds.max ?? 20);
  const select = h(
    'select',
    { name: 'scenario' },
    ...scenarios.map((s) => h('option', { value: s.id, selected: s.id === chosen?.id }, s.title)),
  );
  const presets = h(
    'fieldset',
    { class: 'presets' },
    h('legend', {}, 'Session length'),
    ...PRESETS.map((p) =>
      h(
        'label',
        { class: 'inline' },
        h('input', { type: 'radio', name: 'preset', value: p.id, checked: p.id === DEFAULT_PRESET.id }),
        ` ${p.label}`,
      ),
    ),
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'radio', name: 'preset', value: 'custom' }),
      ' My own settings (below)',
    ),
  );
  const submit = h('button', { type: 'submit' }, 'Create the class');
  const form = h(
    'form',
    { class: 'create', 'aria-label': 'Create a class' },
    h('h1', {}, 'Run a class'),
    h('label', {}, 'Scenario', select),
    presets,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Tables'),
      h(
        'label',
        { class: 'inline' },
        h('input', { type: 'radio', name: 'tablesMode', value: 'auto', checked: true }),
        ' One table per four students (opens as they arrive)',
      ),
      h(
        'label',
        { class: 'inline' },
        h('input', { type: 'radio', name: 'tablesMode', value: 'fixed' }),
        ' A fixed number: ',
        h('input', { type: 'number', name: 'tables', value: 4, min: 1, max: 20, 'aria-label': 'Number of tables' }),
      ),
    ),
    num('rounds', fitted.rounds, 1, chosen?.rounds.max ?? 20, 'Rounds (each round is a month of war)'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Phase lengths (seconds, 0 = no timer)'),
      num('news', fitted.phaseSeconds.news, 0, 600, 'News'),
      num('talks', fitted.phaseSeconds.talks, 0, 3600, 'Talks'),
      num('moves', fitted.phaseSeconds.moves, 0, 600, 'Each move'),
      num('resolution', fitted.phaseSeconds.resolution, 0, 600, 'Resolution'),
    ),
    total,
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'checkbox', name: 'botsFill', checked: true }),
      ' Bots take the seats no student holds when a table starts',
    ),
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'checkbox', name: 'standIn', checked: true }),
      ' A bot stands in for a student who drops out (until they come back)',
    ),
    num('stuckMinutes', 5, 1, 60, 'Flag a table as stuck after this many minutes without a move'),
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'checkbox', name: 'teams', checked: true }),
      ' Students share a delegation when there are more students than seats',
    ),
    passphrase,
    submit,
    error,
  );
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const scenario = () => scenarios.find((s) => s.id === select.value) ?? chosen;
  const phaseValues = (): PhaseSeconds =>
    Object.fromEntries(PHASES.map((p) => [p, Number(field(p).value) || 0])) as unknown as PhaseSeconds;
  const showTotal = () => {
    const s = scenario();
    const rounds = Number(field('rounds').value) || 0;
    total.textContent = totalTimeText(rounds, phaseValues(), s?.roles.length ?? 4);
    const match = matchingPreset(rounds, phaseValues(), s?.rounds.max ?? 20) ?? 'custom';
    for (const r of presets.querySelectorAll<HTMLInputElement>('input[name=preset]')) r.checked = r.value === match;
  };
  const applyPreset = (id: string) => {
    const p = PRESETS.find((x) => x.id === id);
    if (!p) return;
    const f = presetFor(p, scenario()?.rounds.max ?? 20);
    field('rounds').value = String(f.rounds);
    for (const k of PHASES) field(k).value = String(f.phaseSeconds[k]);
  };
  presets.addEventListener('change', (e) => {
    applyPreset((e.target as HTMLInputElement).value);
    showTotal();
  });
  select.addEventListener('change', () => {
    field('rounds').max = String(scenario()?.rounds.max ?? 20);
    applyPreset(presets.querySelector<HTMLInputElement>('input[name=preset]:checked')?.value ?? DEFAULT_PRESET.id);
    showTotal();
  });
  form.addEventListener('input', (e) => {
    if ((e.target as HTMLElement).closest('.presets') || e.target === select) return;
    showTotal();
  });
  showTotal();
  const create = async () => {
    const f = new FormData(form);
    const n = (k: string) => Number(f.get(k));
    try {
      // Disabled while the class is being made, and after: the console of the new class replaces the form.
      const c = await sendOnce(
        submit,
        () =>
          classApi.create({
            scenario: String(f.get('scenario')),
            tables: f.get('tablesMode') === 'auto' ? 'auto' : n('tables'),
            rounds: n('rounds'),
            phaseSeconds: { news: n('news'), talks: n('talks'), moves: n('moves'), resolution: n('resolution') },
            botsFill: f.get('botsFill') === 'on',
            standIn: f.get('standIn') === 'on',
            stuckMinutes: n('stuckMinutes'),
            teams: f.get('teams') === 'on',
            ...(f.get('passphrase') ? { passphrase: String(f.get('passphrase')) } : {}),
          }),
        { keepDisabled: true },
      );
      if (c) onCreated(c);
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void create();
  });
  root.replaceChildren(...before, form);
}
