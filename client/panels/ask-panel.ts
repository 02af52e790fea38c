import type { PublicScenario, View } from '../../shared/engine/view.js';
import type { AppApi } from '../app-api.js';
import { enable, errorSlot, fill, h, showError } from '../dom.js';
import { ASK_KINDS, floatPackage, quickQuestion, type AskKind } from '../presenters/ask.js';
import { roleName } from '../presenters/labels.js';
import type { ChannelModel } from '../presenters/talks.js';

/**
 * Under the chat: quick questions (what do you need on an issue, could you live with an option,
 * what would you want in return) and "float a package" (a non-binding what-if), sent in the
 * current channel as chat lines with their structured talk act, so bots can answer them.
 */
export class AskPanel {
  readonly el = h('div', { class: 'ask', 'data-testid': 'ask' });
  private kind = h('select', { 'data-testid': 'ask-kind', 'aria-label': 'Question', onchange: () => this.sync() });
  private issue = h('select', {
    'data-testid': 'ask-issue',
    'aria-label': 'Issue',
    onchange: () => this.fillOptions(),
  });
  private option = h('select', { 'data-testid': 'ask-option', 'aria-label': 'Option' });
  private to = h('select', { 'data-testid': 'ask-to', 'aria-label': 'Ask whom' });
  private askBtn = h('button', { type: 'button', 'data-testid': 'ask-send', onclick: () => void this.ask() }, 'Ask');
  private pkg = h('div', { class: 'float-issues' });
  private floatBtn = h(
    'button',
    { type: 'button', 'data-testid': 'float-send', onclick: () => void this.float() },
    'Float',
  );
  private error = errorSlot('ask-error');
  private s: PublicScenario | null = null;
  private shown = '';

  constructor(
    private app: AppApi,
    private channel: () => string,
  ) {
    for (const k of ASK_KINDS) this.kind.append(h('option', { value: k.id }, k.label));
    this.el.append(
      h(
        'details',
        { 'data-testid': 'ask-open' },
        h('summary', {}, 'Quick question'),
        h('div', { class: 'row wrap' }, this.to, this.kind, this.issue, this.option, this.askBtn),
      ),
      h(
        'details',
        { 'data-testid': 'float-open' },
        h('summary', {}, 'Float a package (not binding)'),
        this.pkg,
        h('div', { class: 'row' }, this.floatBtn),
      ),
      this.error,
    );
  }

  render(s: PublicScenario, v: View, ch: ChannelModel): void {
    const can = ch.canWrite && !!v.me;
    for (const el of [this.kind, this.issue, this.option, this.to, this.askBtn, this.floatBtn])
      enable(el, can, 'You cannot write in this channel.');
    const others = (ch.members ?? s.roles.map((r) => r.id)).filter((r) => r !== v.seat);
    const key = `${s.id}|${ch.id}|${Object.keys(v.clauses).join(',')}`;
    if (key === this.shown) return;
    this.shown = key;
    this.s = s;
    const open = s.issues.filter((i) => !v.clauses[i.id]);
    fill(
      this.to,
      h('option', { value: '' }, others.length > 1 ? 'Everyone here' : roleName(s, others[0] ?? '')),
      ...(others.length > 1 ? others.map((r) => h('option', { value: r }, roleName(s, r))) : []),
    );
    const keep = this.issue.value;
    fill(this.issue, ...s.issues.map((i) => h('option', { value: i.id }, i.title)));
    if (keep) this.issue.value = keep;
    this.fillOptions();
    fill(
      this.pkg,
      ...open.map((i) =>
        h(
          'label',
          { class: 'float-issue' },
          h('span', {}, i.title),
          h(
            'select',
            { 'data-testid': `float-issue-${i.id}`, 'data-issue': i.id },
            h('option', { value: '' }, '(leave out)'),
            ...i.options.map((o) => h('option', { value: o.id }, o.label)),
          ),
        ),
      ),
    );
    this.sync();
  }

  private fillOptions(): void {
    const i = this.s?.issues.find((x) => x.id === this.issue.value);
    fill(this.option, ...(i?.options ?? []).map((o) => h('option', { value: o.id }, o.label)));
  }

  private sync(): void {
    this.option.hidden = this.kind.value === 'need';
  }

  private async send(m: { text: string; talk: unknown } | null): Promise<void> {
    showError(this.error, null);
    if (!m) return showError(this.error, 'Choose an option for at least one issue.');
    const r = await this.app.conn.act({ type: 'chat', channel: this.channel(), text: m.text, talk: m.talk } as never);
    if (!r.ok) showError(this.error, r.message);
  }

  private ask(): Promise<void> {
    if (!this.s) return Promise.resolve();
    return this.send(
      quickQuestion(
        this.s,
        this.kind.value as AskKind,
        this.issue.value,
        this.option.value,
        this.to.value || undefined,
      ),
    );
  }

  private float(): Promise<void> {
    if (!this.s) return Promise.resolve();
    const terms: Record<string, string> = {};
    for (const sel of this.pkg.querySelectorAll<HTMLSelectElement>('select[data-issue]'))
      if (sel.value) terms[sel.dataset.issue!] = sel.value;
    return this.send(floatPackage(this.s, terms));
  }
}
