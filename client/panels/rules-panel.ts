import { h } from '../dom.js';
import { SHORT_RULES } from '../presenters/rules.js';

/**
 * The Rules: a button above every screen (the table screen has its own in its header) that opens the short rules in a
 * modal dialog; Escape or "Close" returns focus to where it was.
 */
export class RulesPanel {
  readonly button: HTMLButtonElement;
  readonly dialog: HTMLDialogElement;

  constructor() {
    const close = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'rules-close', onclick: () => this.dialog.close() },
      'Close',
    );
    this.dialog = h(
      'dialog',
      { class: 'rules', 'data-testid': 'rules', 'aria-labelledby': 'rules-h' },
      h('div', { class: 'rules-head' }, h('h2', { id: 'rules-h' }, 'How the game works'), close),
      ...SHORT_RULES.map((sec) =>
        h(
          'section',
          {},
          h('h3', {}, sec.title),
          h(
            'ul',
            {},
            sec.points.map((p) => h('li', {}, p)),
          ),
        ),
      ),
      h('p', { class: 'hint' }, 'The full rules are in docs/rules.md of the game’s source.'),
    );
    this.button = h(
      'button',
      {
        type: 'button',
        class: 'rules-button secondary',
        'data-testid': 'open-rules',
        'aria-haspopup': 'dialog',
        onclick: () => this.open(),
      },
      'Rules',
    );
  }

  open(): void {
    if (this.dialog.open) return;
    this.dialog.showModal();
    this.dialog.scrollTop = 0;
    this.dialog.querySelector<HTMLElement>('[data-testid=rules-close]')?.focus();
  }
}
