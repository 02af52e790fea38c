import type { AppApi } from '../app-api.js';
import { h, errorSlot, fill, showError } from '../dom.js';
import { api, ApiError, type ScenarioSummary, type TableInfo } from '../net/api.js';
import { sendOnce } from '../net/http.js';
import { TABLE_IS_CLASS } from '../../shared/table-protocol.js';
import { soloTable } from '../presenters/bots.js';
import { DEFAULT_PRESET, matchingPreset, presetFor, PRESETS, totalTimeText } from '../presenters/presets.js';
import { connectionCheck } from './connection-check.js';
import { session } from '../session.js';

const PHASES = ['news', 'talks', 'moves', 'resolution'] as const;
const STATUS: Record<string, string> = {
  free: 'free',
  present: 'taken',
  reconnecting: 'taken (reconnecting)',
  absent: 'taken (player away)',
};

/** The first screen: join a table by its code, create one, or practise alone against bots. */
export class StartPanel {
  readonly el: HTMLElement;
  private scenarios: ScenarioSummary[] = [];
  private code = h('input', {
    id: 'join-code',
    'data-testid': 'join-code',
    autocomplete: 'off',
    maxlength: 12,
    spellcheck: 'false',
    placeholder: 'e.g. K7M2QP',
    class: 'code-input',
  });
  private name = h('input', { id: 'join-name', 'data-testid': 'join-name', maxlength: 40, autocomplete: 'nickname' });
  private joinError = errorSlot('join-error');
  private seats = h('div', { class: 'seat-choice', 'data-testid': 'seat-list' });
  private scenario = h('select', { id: 'create-scenario', 'data-testid': 'create-scenario' });
  private rounds = h('input', {
    id: 'create-rounds',
    'data-testid': 'create-rounds',
    type: 'number',
    min: 1,
    max: 20,
    value: 6,
  });
  private secs = Object.fromEntries(
    PHASES.map((p) => [
      p,
      h('input', { id: `create-${p}`, 'data-testid': `create-${p}`, type: 'number', min: 0, max: 3600, value: 0 }),
    ]),
  ) as Record<(typeof PHASES)[number], HTMLInputElement>;
  private passphrase = h('input', {
    id: 'create-passphrase',
    'data-testid': 'create-passphrase',
    type: 'password',
    maxlength: 256,
    autocomplete: 'current-password',
  });
  /** Shown only when the server asks instructors for a passphrase (GET /api/server). */
  private passphraseRow = h(
    'div',
    { hidden: true },
    h('label', { for: 'create-passphrase' }, 'Instructor passphrase (this server asks for one)'),
    this.passphrase,
  );
  private preset = h(
    'select',
    { id: 'create-preset', 'data-testid': 'create-preset' },
    PRESETS.map((p) => h('option', { value: p.id }, p.label)),
    h('option', { value: 'custom' }, 'My own settings'),
  );
  private total = h('p', { class: 'hint', 'data-testid': 'create-total', 'aria-live': 'polite' });
  // On by default: a table made here has no facilitator unless its creator chooses to run it.
  private selfStart = h('input', {
    id: 'create-selfstart',
    'data-testid': 'create-selfstart',
    type: 'checkbox',
    checked: true,
  });
  private startNote = h('p', { class: 'hint', 'data-testid': 'create-start-note' });
  private createError = errorSlot('create-error');
  private created = h('div', { class: 'created', 'data-testid': 'created', hidden: true });
  private summary = h('p', { class: 'hint', id: 'scenario-summary' });
  private soloScenario = h('select', { id: 'solo-scenario', 'data-testid': 'solo-scenario' });
  private soloRole = h('select', { id: 'solo-role', 'data-testid': 'solo-role' });
  private soloName = h('input', {
    id: 'solo-name',
    'data-testid': 'solo-name',
    maxlength: 40,
    autocomplete: 'nickname',
  });
  private soloError = errorSlot('solo-error');
  private createBtn = h('button', { type: 'submit', 'data-testid': 'create-submit' }, 'Create table');
  private soloBtn = h('button', { type: 'submit', 'data-testid': 'solo-start' }, 'Play against bots');

  constructor(
    private app: AppApi,
    notice = '',
  ) {
    const findBtn = h('button', { type: 'submit', 'data-testid': 'join-find' }, 'Find table');
    const joinForm = h(
      'form',
      { class: 'card', 'aria-labelledby': 'join-h', onsubmit: (e: Event) => (e.preventDefault(), void this.find()) },
      h('h2', { id: 'join-h' }, 'Join a table'),
      h('label', { for: 'join-code' }, 'Table code'),
      h('div', { class: 'row' }, this.code, findBtn),
      this.joinError,
      this.seats,
    );
    const phaseInputs = PHASES.map((p) =>
      h('label', { class: 'inline' }, `${p[0].toUpperCase()}${p.slice(1)} `, this.secs[p]),
    );
    const createForm = h(
      'form',
      {
        class: 'card',
        'aria-labelledby': 'create-h',
        onsubmit: (e: Event) => (e.preventDefault(), void this.create()),
      },
      h('h2', { id: 'create-h' }, 'Create a table'),
      h('label', { for: 'create-scenario' }, 'Scenario'),
      this.scenario,
      this.summary,
      h('label', { for: 'create-preset' }, 'Session length'),
      this.preset,
      h('label', { for: 'create-rounds' }, 'Rounds (each round is a month of war)'),
      this.rounds,
      h(
        'fieldset',
        {},
        h('legend', {}, 'Seconds per phase (0 = no time limit; the phase ends when everyone is ready)'),
        h('div', { class: 'phase-inputs' }, phaseInputs),
      ),
      this.total,
      h(
        'label',
        { class: 'check' },
        this.selfStart,
        ' Start by itself when all delegations are ready (no facilitator needed)',
      ),
      this.passphraseRow,
      this.startNote,
      this.createBtn,
      this.createError,
      this.created,
    );
    const soloForm = h(
      'form',
      {
        class: 'card',
        'aria-labelledby': 'solo-h',
        'data-testid': 'solo-form',
        onsubmit: (e: Event) => (e.preventDefault(), void this.solo()),
      },
      h('h2', { id: 'solo-h' }, 'Solo practice'),
      h(
        'p',
        { class: 'hint' },
        'Play one delegation against three bots. The talks start when you say you are ready; the bots explain each move they make.',
      ),
      h('label', { for: 'solo-scenario' }, 'Scenario'),
      this.soloScenario,
      h('label', { for: 'solo-role' }, 'Your delegation'),
      this.soloRole,
      h('label', { for: 'solo-name' }, 'Your name'),
      this.soloName,
      this.soloBtn,
      this.soloError,
    );
    this.scenario.addEventListener('change', () => this.applyScenario());
    this.preset.addEventListener('change', () => this.applyPreset());
    for (const el of [this.rounds, ...Object.values(this.secs)]) el.addEventListener('input', () => this.showTotal());
    this.selfStart.addEventListener('change', () => this.showStartNote());
    this.showStartNote();
    this.soloScenario.addEventListener('change', () => this.applySoloScenario());
    this.el = h(
      'section',
      { class: 'screen start', 'data-testid': 'screen-start', 'aria-labelledby': 'start-h' },
      h('h1', { id: 'start-h' }, 'The Negotiation Table'),
      h(
        'p',
        { class: 'lead' },
        'Four delegations try to negotiate an end to the war in Ukraine. Type the code you were given, or create a new table.',
      ),
      h(
        'p',
        { class: 'hint' },
        'Running a class with several tables? ',
        h('a', { href: './console.html', 'data-testid': 'console-link' }, 'Open the facilitator console'),
        '. Students of a class join at ',
        h('a', { href: './class.html' }, 'the class page'),
        '.',
      ),
      notice ? h('p', { class: 'notice', role: 'status', 'data-testid': 'start-notice' }, notice) : null,
      // Joining and practising alone are what most people come for: both in the first column, above the fold.
      h('div', { class: 'cols' }, h('div', { class: 'stack' }, joinForm, soloForm), createForm),
      connectionCheck(),
    );
    const fromUrl = new URLSearchParams(location.search).get('code');
    if (fromUrl) {
      this.code.value = fromUrl;
      void this.find();
    }
    void this.loadScenarios();
    void api.server().then(
      (s) => (this.passphraseRow.hidden = !s.passphraseRequired),
      () => undefined,
    );
  }

  /** The passphrase typed in the create form, if any (solo practice sends it too: a server may ask for it there). */
  private typedPassphrase(): { passphrase?: string } {
    return this.passphrase.value ? { passphrase: this.passphrase.value } : {};
  }

  private async loadScenarios(): Promise<void> {
    try {
      this.scenarios = await api.scenarios();
      fill(
        this.scenario,
        this.scenarios.map((s) => h('option', { value: s.id }, s.title)),
      );
      fill(
        this.soloScenario,
        this.scenarios.map((s) => h('option', { value: s.id }, s.title)),
      );
      // The server's default scenario (the API does not flag it yet).
      if (this.scenarios.some((s) => s.id === 'ukraine_peace_talks'))
        this.scenario.value = this.soloScenario.value = 'ukraine_peace_talks';
      this.applyScenario();
      this.applySoloScenario();
    } catch (e) {
      showError(this.createError, (e as Error).message);
    }
  }

  private applyScenario(): void {
    const s = this.scenarios.find((x) => x.id === this.scenario.value);
    if (!s) return;
    this.summary.textContent = `${s.summary} ${s.roles.length} delegations, ${s.issues} issues.`;
    this.rounds.max = String(s.rounds.max);
    if (this.preset.value === 'custom') this.preset.value = DEFAULT_PRESET.id;
    this.applyPreset();
  }

  /** Rounds and phase lengths from the chosen session preset, fitted to the scenario. */
  private applyPreset(): void {
    const s = this.scenarios.find((x) => x.id === this.scenario.value);
    const p = PRESETS.find((x) => x.id === this.preset.value);
    if (!s || !p) return this.showTotal();
    const f = presetFor(p, s.rounds.max);
    this.rounds.value = String(f.rounds);
    for (const k of PHASES) this.secs[k].value = String(f.phaseSeconds[k]);
    this.showTotal();
  }

  private showTotal(): void {
    const s = this.scenarios.find((x) => x.id === this.scenario.value);
    if (!s) return;
    const rounds = Number(this.rounds.value) || 0;
    const secs = Object.fromEntries(PHASES.map((k) => [k, Number(this.secs[k].value) || 0])) as Record<
      (typeof PHASES)[number],
      number
    >;
    this.total.textContent = totalTimeText(rounds, secs, s.roles.length);
    this.preset.value = matchingPreset(rounds, secs, s.rounds.max) ?? 'custom';
  }

  /** The one sentence that says how this table will start. */
  private showStartNote(): void {
    this.startNote.textContent = this.selfStart.checked
      ? 'The talks start when every delegation has pressed Ready; you can take a seat and play.'
      : 'You start the talks yourself: take a seat and you get the facilitator controls beside it, or run the table as facilitator.';
  }

  private applySoloScenario(): void {
    const s = this.scenarios.find((x) => x.id === this.soloScenario.value);
    fill(
      this.soloRole,
      (s?.roles ?? []).map((r) => h('option', { value: r.id }, r.name)),
    );
  }

  /** Solo practice: a self-starting table with bots in every other seat, joined at once. */
  private async solo(): Promise<void> {
    showError(this.soloError, null);
    const s = this.scenarios.find((x) => x.id === this.soloScenario.value);
    const name = this.soloName.value.trim() || session.lastName();
    if (!s || !this.soloRole.value) return showError(this.soloError, 'Choose a scenario and a delegation first.');
    if (!name) {
      showError(this.soloError, 'Type your name first.');
      return this.soloName.focus();
    }
    try {
      // The button stays disabled until the table is joined (or it failed): a double click makes one table.
      await sendOnce(this.soloBtn, async () => {
        const t = await api.createTable({ ...soloTable(s, this.soloRole.value), ...this.typedPassphrase() });
        // The key lets the player switch bots in and out from their own seat.
        session.rememberKey(t.code, t.facilitatorKey);
        await this.app.enterTable({ code: t.code, roomId: t.roomId, role: this.soloRole.value, name, selfStart: true });
      });
    } catch (e) {
      showError(this.soloError, (e as Error).message);
    }
  }

  private async create(): Promise<void> {
    showError(this.createError, null);
    const rounds = Number(this.rounds.value);
    const phaseSeconds = Object.fromEntries(
      PHASES.map((p) => [p, Math.max(0, Math.floor(Number(this.secs[p].value) || 0))]),
    );
    try {
      // Disabled while the table is being made: a double click makes one table.
      const t = await sendOnce(this.createBtn, () =>
        api.createTable({
          scenario: this.scenario.value || undefined,
          rounds: Number.isInteger(rounds) && rounds > 0 ? rounds : undefined,
          phaseSeconds,
          selfStart: this.selfStart.checked,
          ...this.typedPassphrase(),
        }),
      );
      if (!t) return;
      session.rememberKey(t.code, t.facilitatorKey);
      const link = `${location.origin}${location.pathname}?code=${t.code}`;
      fill(
        this.created,
        h(
          'p',
          {},
          'Table created. Its code is ',
          h('strong', { class: 'code', 'data-testid': 'created-code' }, t.code),
          '. Share the code or this link: ',
          h('a', { href: link }, link),
        ),
        h(
          'p',
          { class: 'hint' },
          'Facilitator key (keep it private; it lets you run this table from another browser): ',
          h('code', { 'data-testid': 'created-key' }, t.facilitatorKey),
        ),
        h(
          'div',
          { class: 'row' },
          h(
            'button',
            {
              type: 'button',
              'data-testid': 'created-facilitate',
              onclick: () => void this.facilitate(t.code, t.roomId, t.facilitatorKey),
            },
            'Run it as facilitator',
          ),
          h(
            'button',
            {
              type: 'button',
              'data-testid': 'created-join',
              onclick: () => ((this.code.value = t.code), void this.find()),
            },
            'Take a seat at it',
          ),
        ),
      );
      this.created.hidden = false;
      // Below the form on a small screen: bring the code into view and the keyboard to the next step.
      this.created.scrollIntoView({ block: 'center' });
      this.created.querySelector('button')?.focus();
      this.app.announce(`Table created. Its code is ${t.code.split('').join(' ')}.`);
    } catch (e) {
      showError(this.createError, (e as Error).message);
    }
  }

  private async facilitate(code: string, roomId: string, key: string): Promise<void> {
    const name = session.lastName() || 'Facilitator';
    try {
      await this.app.enterTable({ code, roomId, role: 'facilitator', name, facilitatorKey: key, selfStart: false });
    } catch (e) {
      showError(this.createError, (e as Error).message);
    }
  }

  private async find(): Promise<void> {
    showError(this.joinError, null);
    const code = this.code.value.trim();
    if (!code) {
      showError(this.joinError, 'Type the table code first.');
      this.code.focus();
      return;
    }
    try {
      this.renderTable(await api.table(code));
    } catch (e) {
      fill(this.seats);
      // Students often type their class code here: send them to the class page, the code filled in.
      if (e instanceof ApiError && e.code === TABLE_IS_CLASS) return this.renderClassCode(code);
      showError(this.joinError, (e as Error).message);
    }
  }

  private renderClassCode(code: string): void {
    const link = `./class.html#code=${encodeURIComponent(code.replace(/[\s-]/g, '').toUpperCase())}`;
    fill(
      this.seats,
      h(
        'p',
        { class: 'notice', role: 'status', 'data-testid': 'class-code-note' },
        'That is a class code, not a table code. ',
        h('a', { href: link, 'data-testid': 'class-code-link' }, 'Join your class on the class page'),
        ': it gives you your table and delegation.',
      ),
    );
    this.seats.querySelector('a')?.focus();
  }

  private renderTable(t: TableInfo): void {
    if (!this.name.value) this.name.value = session.lastName();
    const key = session.facilitatorKey(t.code);
    const take = (role: string) => () => void this.take(t, role, key ?? undefined);
    fill(
      this.seats,
      h('h3', {}, t.scenario.title),
      h(
        'p',
        { class: 'hint' },
        t.finished
          ? 'These talks are over; you can still look at the result.'
          : t.phase === 'setup'
            ? 'The talks have not started yet.'
            : `The talks are in round ${t.round} of ${t.rounds}.`,
      ),
      t.classTable
        ? h(
            'p',
            { class: 'notice', 'data-testid': 'class-table-note' },
            'This table belongs to a class: the class seats its students. Join from ',
            h('a', { href: './class.html' }, 'the class page'),
            ' with the class code your instructor gave you.',
          )
        : null,
      h('label', { for: 'join-name' }, 'Your name (others see it)'),
      this.name,
      h(
        'ul',
        { class: 'seats', 'aria-label': 'Delegations' },
        t.roles.map((r) => {
          const free = r.status === 'free';
          const can = free || t.teams;
          // A bot's seat is open to a person: joining takes the delegation over from the bot.
          const verb = r.bot && free ? 'Take over from the bot' : free ? 'Take this seat' : 'Join the team';
          return h(
            'li',
            { class: 'seat-option', style: `--role:${r.color}` },
            h('div', { class: 'swatch', 'aria-hidden': 'true' }, r.short),
            h(
              'div',
              { class: 'who' },
              h('strong', {}, r.name),
              ' ',
              h('span', { class: `tag ${free ? 'free' : 'taken'}` }, STATUS[r.status] ?? r.status),
              r.names.length ? h('span', { class: 'hint' }, ` (${r.names.join(', ')})`) : null,
              r.bot ? h('span', { class: 'tag bot', 'data-testid': `seat-bot-${r.id}` }, 'a bot plays it') : null,
              h('p', {}, r.profile),
            ),
            // At a class table the class seats its students (server/rooms/admission.ts): no seat is taken here.
            t.classTable
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    'data-testid': `seat-${r.id}`,
                    disabled: !can,
                    onclick: take(r.id),
                    'aria-label':
                      r.bot && free
                        ? `Take over the ${r.name} delegation from the bot`
                        : `${free ? 'Take' : 'Join'} the ${r.name} delegation`,
                  },
                  verb,
                ),
          );
        }),
      ),
      h(
        'div',
        { class: 'row' },
        t.classTable && !t.observers
          ? null
          : h(
              'button',
              { type: 'button', class: 'secondary', 'data-testid': 'seat-observer', onclick: take('observer') },
              'Watch as an observer',
            ),
        key
          ? h(
              'button',
              { type: 'button', class: 'secondary', 'data-testid': 'seat-facilitator', onclick: take('facilitator') },
              'Run it as facilitator',
            )
          : null,
      ),
    );
    this.name.focus();
  }

  private async take(t: TableInfo, role: string, facilitatorKey?: string): Promise<void> {
    showError(this.joinError, null);
    const name = this.name.value.trim();
    if (!name) {
      showError(this.joinError, 'Type your name first: the other delegations will see it.');
      this.name.focus();
      return;
    }
    try {
      await this.app.enterTable({
        code: t.code,
        roomId: t.roomId,
        role,
        name,
        facilitatorKey: role === 'facilitator' ? facilitatorKey : undefined,
        selfStart: t.selfStart,
      });
    } catch (e) {
      showError(this.joinError, (e as Error).message);
      void this.find().then(() => showError(this.joinError, (e as Error).message));
    }
  }
}
