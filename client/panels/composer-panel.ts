import { counterRecipients, crossesRedLine, isRefused } from '../../shared/engine/index.js';
import { NOTE_MAX, type Terms } from '../../shared/engine/types.js';
import type { PublicScenario, View } from '../../shared/engine/view.js';
import type { AppApi } from '../app-api.js';
import { h, enable, errorSlot, fill, setText, showError } from '../dom.js';
import { actionsModel } from '../presenters/actions.js';
import { optionLabel, roleName } from '../presenters/labels.js';
import { isEmptyDraft, restorableDraft, type OfferDraft } from '../presenters/draft.js';
import { packageValue } from '../presenters/package-value.js';
import { MomentWatch } from '../presenters/refusals.js';
import { drafts, session } from '../session.js';
import type { OfferModel } from '../presenters/inbox.js';

/** What a delegation can be asked to do in return: its levers, by name. */
function publicLevers(s: PublicScenario, role: string): PublicScenario['roles'][number]['levers'] {
  return s.roles.find((x) => x.id === role)?.levers ?? [];
}

/** The offer composer: recipients, one option per issue, live value against walk-away, "in return for", send. */
export class ComposerPanel {
  readonly el = h('section', { class: 'composer', 'data-testid': 'composer', 'aria-labelledby': 'composer-h' });
  private heading = h('h2', { id: 'composer-h' }, 'New offer');
  private recipients = h('fieldset', { class: 'recipients' });
  private issues = h('div', { class: 'issues' });
  private selects = new Map<string, HTMLSelectElement>();
  private boxes = new Map<string, HTMLInputElement>();
  private inReturn = h('select', { id: 'in-return', 'data-testid': 'in-return' });
  private inReturnRow = h(
    'div',
    { class: 'in-return' },
    h('label', { for: 'in-return' }, 'In return for (optional)'),
    this.inReturn,
  );
  private note = h('textarea', { id: 'offer-note', 'data-testid': 'offer-note', maxlength: NOTE_MAX, rows: 2 });
  private value = h('p', { class: 'value', 'data-testid': 'offer-value', 'aria-live': 'polite' });
  private warn = h('p', { class: 'warn', 'data-testid': 'offer-warning', hidden: true });
  /** War cost so far and walking away now and next round (the view's own figures). */
  private time = h('p', { class: 'hint', 'data-testid': 'offer-time' });
  private send = h('button', { type: 'submit', 'data-testid': 'offer-send' }, 'Propose');
  private cancel = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'offer-cancel-counter',
      hidden: true,
      onclick: () => this.reset(),
    },
    'Cancel counter-offer',
  );
  private turnHint = h('p', { class: 'hint', 'data-testid': 'offer-turn-hint' });
  private error = errorSlot('offer-error');
  private built = '';
  private counter: OfferModel | null = null;
  private view: View | null = null;
  private scenario: PublicScenario | null = null;
  /** A restored draft's "in return for", selected once update() has filled the list. */
  private pendingInReturn: string | null = null;
  private moment = new MomentWatch();
  /** An offer on its way: a second click (a double-click) sends nothing more. */
  private sending = false;

  constructor(private app: AppApi) {
    const form = h(
      'form',
      { onsubmit: (e: Event) => (e.preventDefault(), void this.submit()) },
      this.recipients,
      h('h3', {}, 'Terms: one option per issue you want to include'),
      this.issues,
      this.inReturnRow,
      h('label', { for: 'offer-note' }, 'Note to the recipients (optional)'),
      this.note,
      this.value,
      this.time,
      this.warn,
      this.turnHint,
      h('div', { class: 'row' }, this.send, this.cancel),
      this.error,
    );
    this.note.addEventListener('input', () => this.keepDraft());
    // The next edit (any field of the form) starts over: the last refusal no longer applies.
    form.addEventListener('input', () => showError(this.error, null));
    this.inReturn.addEventListener('change', () => this.keepDraft());
    this.el.append(this.heading, form);
  }

  /** Starts a counter-offer from a received offer. */
  startCounter(o: OfferModel): void {
    this.counter = o;
    for (const [issue, sel] of this.selects) sel.value = o.terms[issue] ?? '';
    this.update();
    this.selects.values().next().value?.focus();
  }

  private reset(): void {
    this.counter = null;
    for (const sel of this.selects.values()) sel.value = '';
    for (const b of this.boxes.values()) b.checked = false;
    this.note.value = '';
    this.inReturn.value = '';
    this.update();
  }

  private build(s: PublicScenario, v: View): void {
    this.built = `${s.id}:${v.seat}`;
    this.selects.clear();
    this.boxes.clear();
    const others = s.roles.filter((r) => r.id !== v.seat);
    fill(
      this.recipients,
      h('legend', {}, 'Send to'),
      others.map((r) => {
        const box = h('input', {
          type: 'checkbox',
          id: `to-${r.id}`,
          'data-testid': `to-${r.id}`,
          value: r.id,
          onchange: () => this.update(),
        });
        this.boxes.set(r.id, box);
        return h('label', { class: 'check', for: `to-${r.id}`, style: `--role:${r.color}` }, box, ` ${r.name}`);
      }),
    );
    const me = v.me!;
    fill(
      this.issues,
      s.issues.map((issue) => {
        const sel = h(
          'select',
          { id: `term-${issue.id}`, 'data-testid': `term-${issue.id}`, onchange: () => this.update() },
          h('option', { value: '' }, '— not in this offer —'),
          issue.options.map((o) => {
            const pts = me.role.points[issue.id]?.[o.id] ?? 0;
            const red = crossesRedLine(me.role, issue.id, o.id);
            return h('option', { value: o.id }, `${o.label} · ${pts} pts${red ? ' · your red line' : ''}`);
          }),
        );
        this.selects.set(issue.id, sel);
        const signers = issue.signatories.map((r) => s.roles.find((x) => x.id === r)?.short ?? r).join(', ');
        return h(
          'div',
          { class: 'issue-row' },
          h(
            'label',
            { for: `term-${issue.id}` },
            issue.title,
            issue.required ? ' *' : '',
            h('span', { class: 'hint' }, ` (signed by ${signers})`),
          ),
          sel,
          h('p', { class: 'settled', hidden: true, 'data-issue': issue.id }),
        );
      }),
    );
  }

  render(s: PublicScenario, v: View): void {
    this.scenario = s;
    this.view = v;
    if (!v.me) return;
    // A refusal is about its moment: hide it once the turn or phase moves on or the link is back.
    if (this.moment.over(v, this.app.store.state.status)) showError(this.error, null);
    if (this.built !== `${s.id}:${v.seat}`) {
      this.build(s, v);
      this.restoreDraft(s, v.seat);
    }
    this.update();
  }

  /** The table this composer drafts for: the seat's drafts are kept per table code. */
  private tableCode(): string | null {
    return session.load()?.code ?? null;
  }

  /** Puts back the offer this seat was drafting before a reload. */
  private restoreDraft(s: PublicScenario, seat: string): void {
    const code = this.tableCode();
    const d = code && restorableDraft(s, seat, drafts.load(code, seat));
    if (!d) return;
    for (const [r, box] of this.boxes) box.checked = d.to.includes(r);
    for (const [issue, sel] of this.selects) sel.value = d.terms[issue] ?? '';
    this.note.value = d.note;
    // Its options are filled by update(), from the recipients: kept here for it to select.
    this.pendingInReturn = d.inReturn;
  }

  /** Saves the offer being drafted (not a counter-offer, which starts again from its offer in one click). */
  private keepDraft(): void {
    const code = this.tableCode();
    if (!code || !this.view || this.counter) return;
    const d: OfferDraft = {
      to: this.recipientsChosen(),
      terms: this.terms(),
      inReturn: this.inReturn.value,
      note: this.note.value,
    };
    drafts.save(code, this.view.seat, isEmptyDraft(d) ? null : d);
  }

  private terms(): Terms {
    const t: Terms = {};
    for (const [issue, sel] of this.selects) if (sel.value && !sel.disabled) t[issue] = sel.value;
    return t;
  }

  private recipientsChosen(): string[] {
    if (this.counter) return this.view ? counterRecipients(this.counter, this.view.seat) : [];
    return [...this.boxes].filter(([, b]) => b.checked && !b.disabled).map(([r]) => r);
  }

  private update(): void {
    const s = this.scenario;
    const v = this.view;
    if (!s || !v?.me) return;
    setText(this.heading, this.counter ? `Counter-offer to ${roleName(s, this.counter.from)}` : 'New offer');
    setText(this.send, this.counter ? 'Send counter-offer' : 'Propose');
    this.cancel.hidden = !this.counter;
    for (const [r, box] of this.boxes) {
      const refused = isRefused(v, v.seat, r);
      box.disabled = !!this.counter || refused;
      if (this.counter) box.checked = this.recipientsChosen().includes(r);
      (box.parentElement as HTMLElement).title = refused ? 'This channel has been refused.' : '';
    }
    for (const [issue, sel] of this.selects) {
      const c = v.clauses[issue];
      sel.disabled = !!c;
      if (c) sel.value = '';
      const note = sel.parentElement?.querySelector<HTMLElement>('.settled');
      if (note) {
        note.hidden = !c;
        setText(note, c ? `Settled: ${optionLabel(s, issue, c.option)}` : '');
      }
    }
    const to = this.recipientsChosen();
    const levers = to.flatMap((r) => publicLevers(s, r).map((l) => ({ role: r, ...l })));
    const keep = this.pendingInReturn ?? this.inReturn.value;
    this.pendingInReturn = null;
    fill(
      this.inReturn,
      h('option', { value: '' }, 'nothing'),
      levers.map((l) => h('option', { value: `${l.role}:${l.id}` }, `${roleName(s, l.role)}: ${l.label}`)),
    );
    this.inReturn.value = levers.some((l) => `${l.role}:${l.id}` === keep) ? keep : '';
    this.inReturnRow.hidden = levers.length === 0;
    this.keepDraft();
    const terms = this.terms();
    const pv = packageValue(s, v, terms, [v.seat, ...to]);
    setText(this.value, pv ? [pv.sentence, pv.durabilityText].filter(Boolean).join(' ') : '');
    this.value.className = `value ${pv && Object.keys(terms).length ? pv.verdict : ''}`;
    setText(this.time, pv?.timeText ?? '');
    const warnings = [
      pv?.redLines.length
        ? `This package crosses your red line: ${pv.redLines.join(', ')}. The table will refuse it.`
        : '',
      pv?.risk.text ?? '',
    ].filter(Boolean);
    this.warn.hidden = warnings.length === 0;
    setText(this.warn, warnings.join(' '));
    const a = actionsModel(s, v);
    const ok = to.length > 0 && Object.keys(terms).length > 0;
    enable(
      this.send,
      a.myTurn && ok,
      !a.myTurn ? 'An offer is a formal move: send it in your turn.' : 'Choose at least one recipient and one issue.',
    );
    setText(
      this.turnHint,
      a.myTurn
        ? ok
          ? ''
          : 'Choose at least one recipient and one option.'
        : v.phase === 'moves'
          ? 'You can send an offer in your turn.'
          : 'Draft now; offers are sent in your turn during the moves phase.',
    );
  }

  private async submit(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      await this.propose();
    } finally {
      this.sending = false;
    }
  }

  private async propose(): Promise<void> {
    showError(this.error, null);
    const raw = this.inReturn.value;
    const inReturn = raw ? { role: raw.split(':')[0], lever: raw.split(':')[1] } : null;
    const terms = this.terms();
    const note = this.note.value.trim() || undefined;
    const r = this.counter
      ? await this.app.conn.act({ type: 'counter', offer: this.counter.id, terms, inReturn, note })
      : await this.app.conn.act({ type: 'propose', to: this.recipientsChosen(), terms, inReturn, note });
    if (!r.ok) return showError(this.error, r.message);
    this.app.announce(this.counter ? 'Counter-offer sent.' : 'Offer sent.');
    this.reset();
  }
}
