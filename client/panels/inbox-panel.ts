import type { PublicScenario, View } from '../../shared/engine/view.js';
import type { AppApi } from '../app-api.js';
import { h, enable, errorSlot, fill, keyed, setText, showError } from '../dom.js';
import { inbox, type OfferModel } from '../presenters/inbox.js';
import { MomentWatch } from '../presenters/refusals.js';

/** Offers received (accept, reject, counter) and sent (withdraw), with their status. */
export class InboxPanel {
  readonly el = h('section', { class: 'inbox', 'data-testid': 'inbox', 'aria-labelledby': 'inbox-h' });
  private received = h('ul', { class: 'offers', 'data-testid': 'inbox-received', 'aria-label': 'Offers received' });
  private sent = h('ul', { class: 'offers', 'data-testid': 'inbox-sent', 'aria-label': 'Offers sent' });
  private emptyReceived = h('p', { class: 'hint' }, 'No offers received yet.');
  private emptySent = h('p', { class: 'hint' }, 'You have not sent any offers.');
  waiting = 0;
  /** The latest model of each offer, for the accept confirmation. */
  private models = new Map<string, OfferModel>();
  private moment = new MomentWatch();

  constructor(
    private app: AppApi,
    private onCounter: (o: OfferModel) => void,
  ) {
    this.el.append(
      h('h2', { id: 'inbox-h' }, 'Offers'),
      h('h3', {}, 'Received'),
      this.emptyReceived,
      this.received,
      h('h3', {}, 'Sent'),
      this.emptySent,
      this.sent,
    );
  }

  render(s: PublicScenario, v: View): void {
    // A refusal is about its moment: hide every offer's once the turn or phase moves on or the link is back.
    if (this.moment.over(v, this.app.store.state.status))
      for (const e of this.el.querySelectorAll<HTMLElement>('.error')) showError(e, null);
    const box = inbox(s, v);
    this.models = new Map([...box.received, ...box.sent].map((o) => [o.id, o]));
    this.waiting = box.waiting;
    this.emptyReceived.hidden = box.received.length > 0;
    this.emptySent.hidden = box.sent.length > 0;
    keyed(
      this.received,
      box.received,
      (o) => o.id,
      (o) => this.item(o, true),
      (el, o) => this.update(el, o),
    );
    keyed(
      this.sent,
      box.sent,
      (o) => o.id,
      (o) => this.item(o, false),
      (el, o) => this.update(el, o),
    );
  }

  private item(o: OfferModel, received: boolean): HTMLElement {
    const error = errorSlot(`offer-error-${o.id}`);
    /** An answer on its way: a second click (a double-click) sends nothing more. */
    let sending = false;
    const answer = async (type: 'accept' | 'reject' | 'withdraw') => {
      if (sending) return;
      showError(error, null);
      // The engine's own answer first: an accept it would refuse (a red line) is explained, not sent.
      const why = type === 'accept' ? (this.models.get(o.id)?.acceptRefusal ?? '') : '';
      if (why) return showError(error, why);
      // Accepting an offer that breaks the sequencing rule asks first, saying what it will cost.
      const warning = this.models.get(o.id)?.sequencingWarning ?? '';
      if (type === 'accept' && warning && !window.confirm(`${warning}\n\nAccept anyway?`)) return;
      sending = true;
      const r = await this.app.conn.act({ type, offer: o.id }).finally(() => (sending = false));
      if (!r.ok) showError(error, r.message);
      else
        this.app.announce(
          type === 'accept'
            ? 'You accepted the offer.'
            : type === 'reject'
              ? 'You rejected the offer.'
              : 'You withdrew the offer.',
        );
    };
    const act = (type: 'accept' | 'reject' | 'withdraw') => () => void answer(type);
    const buttons = received
      ? [
          h(
            'button',
            { type: 'button', 'data-testid': `accept-${o.id}`, 'data-role': 'accept', onclick: act('accept') },
            'Accept',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'data-testid': `reject-${o.id}`,
              'data-role': 'reject',
              onclick: act('reject'),
            },
            'Reject',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'data-testid': `counter-${o.id}`,
              'data-role': 'counter',
              onclick: () => this.onCounter(o),
            },
            'Counter…',
          ),
        ]
      : [
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'data-testid': `withdraw-${o.id}`,
              'data-role': 'withdraw',
              onclick: act('withdraw'),
            },
            'Withdraw',
          ),
        ];
    return h(
      'li',
      { class: 'offer', 'data-testid': `offer-${o.id}` },
      h(
        'div',
        { class: 'offer-head' },
        h('strong', { class: 'title' }),
        ' ',
        h('span', { class: 'status', 'data-testid': `offer-status-${o.id}` }),
        h('span', { class: 'hint round' }),
      ),
      h('ul', { class: 'terms' }),
      h('p', { class: 'extra' }),
      h('p', { class: 'value' }),
      h('p', { class: 'warn seq', hidden: true }),
      h('p', { class: 'hint answers' }),
      h('div', { class: 'row' }, buttons),
      error,
    );
  }

  private update(el: HTMLElement, o: OfferModel): void {
    const q = <T extends Element>(sel: string) => el.querySelector(sel) as T;
    setText(q('.title'), o.title);
    setText(q('.status'), o.statusText);
    q<HTMLElement>('.status').className = `status ${o.status}`;
    setText(q('.round'), ` · round ${o.round}${o.counterTo ? ' · a counter-offer' : ''}`);
    const key = JSON.stringify(o.lines);
    const terms = q<HTMLElement>('.terms');
    if (terms.dataset.k !== key) {
      terms.dataset.k = key;
      fill(
        terms,
        o.lines.map((l) =>
          h(
            'li',
            { class: l.redLine ? 'redline' : '' },
            `${l.issue}: `,
            h('strong', {}, l.option),
            l.points !== null ? ` (${l.points} pts${l.redLine ? ', your red line' : ''})` : '',
          ),
        ),
      );
    }
    setText(q('.extra'), [o.inReturn, o.note ? `Note: “${o.note}”` : ''].filter(Boolean).join(' · '));
    setText(q('.answers'), o.answers);
    setText(q('.value'), o.value);
    const seq = q<HTMLElement>('.seq');
    seq.hidden = !o.sequencingWarning;
    setText(seq, o.sequencingWarning ? `Accepting now breaks the sequencing rule: ${o.sequencingWarning}` : '');
    for (const b of el.querySelectorAll<HTMLButtonElement>('button[data-role]')) {
      const role = b.dataset.role;
      if (role === 'withdraw') {
        b.hidden = o.status !== 'open';
        enable(b, o.canWithdraw, 'Offers can be withdrawn during talks and moves.');
      } else {
        b.hidden = o.status !== 'open';
        enable(b, o.canAnswer, 'Answering is a formal move: do it in your turn.');
        // An accept the engine would refuse stays pressable (it says why) but is not drawn as the main button.
        if (role === 'accept') {
          b.classList.toggle('secondary', !!o.acceptRefusal);
          if (o.acceptRefusal) b.title = o.acceptRefusal;
        }
      }
    }
  }
}
