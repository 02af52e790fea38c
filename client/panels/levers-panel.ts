import type { PublicScenario, View } from '../../shared/engine/view.js';
import type { AppApi } from '../app-api.js';
import { h, enable, errorSlot, fill, keyed, setText, showError } from '../dom.js';
import { confirmLabel, leverGone, leverModels, type LeverModel } from '../presenters/levers.js';

/** The delegation's levers, what each will do, with a confirmation before use. */
export class LeversPanel {
  readonly el = h('section', { class: 'levers', 'data-testid': 'levers', 'aria-labelledby': 'levers-h' });
  private list = h('ul', { class: 'lever-list' });
  private dialog = h('dialog', {
    class: 'confirm',
    'data-testid': 'lever-dialog',
    'aria-labelledby': 'lever-dialog-h',
  });
  private pending: LeverModel | null = null;
  private error = errorSlot('lever-error');

  constructor(private app: AppApi) {
    this.el.append(
      h('h2', { id: 'levers-h' }, 'Levers'),
      h(
        'p',
        { class: 'hint' },
        'Pulling a lever is your formal move for the round. It changes the world and the others’ walk-away values, never a score directly.',
      ),
      this.list,
      this.error,
      this.dialog,
    );
    this.dialog.addEventListener('close', () => (this.pending = null));
  }

  render(s: PublicScenario, v: View): void {
    const models = leverModels(s, v);
    // A confirmation left open while the turn moved on closes, with the reason, instead of offering a dead "Yes".
    const gone = this.pending && this.dialog.open ? leverGone(models, this.pending.id) : null;
    if (gone) {
      this.dialog.close();
      showError(this.error, gone);
    }
    keyed(
      this.list,
      models,
      (l) => l.id,
      (l) => this.item(l),
      (el, l) => this.update(el, l),
    );
  }

  private item(l: LeverModel): HTMLElement {
    return h(
      'li',
      { class: 'lever' },
      h('strong', {}, l.label),
      ' ',
      h('span', { class: 'hint uses' }),
      h('p', {}, l.description),
      h('p', { class: 'effects' }),
      h(
        'button',
        { type: 'button', 'data-testid': `lever-${l.id}`, onclick: () => this.confirm(l) },
        `Use: ${l.label}`,
      ),
    );
  }

  private update(el: HTMLElement, l: LeverModel): void {
    setText(el.querySelector('.uses')!, `(${l.usesLeft} of ${l.uses} use${l.uses > 1 ? 's' : ''} left)`);
    setText(el.querySelector('.effects')!, l.effects.length ? `Will do: ${l.effects.join('; ')}.` : '');
    const b = el.querySelector('button')!;
    enable(b, l.canUse, l.reason);
    el.dataset.lever = l.id;
  }

  private confirm(l: LeverModel): void {
    this.pending = l;
    const yes = h(
      'button',
      { type: 'button', 'data-testid': 'lever-confirm', onclick: () => void this.use() },
      confirmLabel(l),
    );
    fill(
      this.dialog,
      h('h3', { id: 'lever-dialog-h' }, `Use “${l.label}”?`),
      h('p', {}, l.description),
      l.effects.length ? h('p', {}, `It will: ${l.effects.join('; ')}.`) : null,
      h('p', {}, 'This is your formal move for the round and cannot be undone.'),
      h(
        'div',
        { class: 'row' },
        yes,
        h(
          'button',
          { type: 'button', class: 'secondary', 'data-testid': 'lever-cancel', onclick: () => this.dialog.close() },
          'Cancel',
        ),
      ),
    );
    this.dialog.showModal();
    yes.focus();
  }

  private async use(): Promise<void> {
    const l = this.pending;
    this.dialog.close();
    if (!l) return;
    showError(this.error, null);
    const r = await this.app.conn.act({ type: 'lever', lever: l.id });
    if (!r.ok) showError(this.error, r.message);
    else this.app.announce(`${l.label}: done.`);
  }
}
