import type { PublicScenario, View } from '../../shared/engine/view.js';
import type { AppApi } from '../app-api.js';
import { h, enable, errorSlot, keyed, setText, showError } from '../dom.js';
import { CHAT_MAX } from '../../shared/engine/types.js';
import { channels, messages, type ChannelModel, type MessageModel } from '../presenters/talks.js';
import { atBottom, stickToBottom, type ScrollBox } from '../presenters/chat-scroll.js';
import { MomentWatch } from '../presenters/refusals.js';
import { AskPanel } from './ask-panel.js';

/** Chat: the public table, each bilateral pair and each working group, with unread counts. */
export class TalksPanel {
  readonly el = h('section', { class: 'talks', 'data-testid': 'talks', 'aria-labelledby': 'talks-h' });
  private list = h('ul', { class: 'channels', 'aria-label': 'Channels' });
  private title = h('h3', { 'data-testid': 'channel-title' });
  private log = h('ol', { class: 'messages', role: 'log', 'aria-live': 'polite', 'data-testid': 'messages' });
  private input = h('input', {
    id: 'chat-input',
    'data-testid': 'chat-input',
    maxlength: CHAT_MAX,
    autocomplete: 'off',
    'aria-describedby': 'chat-count',
  });
  /** The length limit, visible: a paste longer than it is cut by the field, and this says so. */
  private count = h(
    'span',
    { class: 'hint chat-count empty', id: 'chat-count', 'data-testid': 'chat-count' },
    `0 of ${CHAT_MAX} characters`,
  );
  /** A chat line is on its way to the table. */
  private posting = false;
  private send = h('button', { type: 'submit', 'data-testid': 'chat-send' }, 'Send');
  private refuse = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'refuse-channel',
    hidden: true,
    onclick: () => void this.toggleRefusal(),
  });
  private error = errorSlot('chat-error');
  /** Shown when lines arrive while the reader has scrolled up: jumps to the newest. */
  private jump = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'chat-jump', hidden: true, onclick: () => this.toBottom() },
    'New messages ↓',
  );
  /** The newest line drawn ("channel id"), to tell when one arrives. */
  private newest = '';
  /** The channel and visibility of the last render, to open a channel at its newest lines. */
  private shown = '';
  private moment = new MomentWatch();
  /** A whole view carries the last lines only: this fetches the page before them. */
  private earlier = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'chat-earlier',
      hidden: true,
      onclick: () => this.app.conn.loadEarlier('chat'),
    },
    'Show earlier messages',
  );
  /** What a stand-in bot said and did while this delegation was away. */
  private recap = h('p', { class: 'recap', 'data-testid': 'bot-recap', role: 'status', hidden: true });
  /** Quick questions and floated packages (bots answer them). */
  private ask = new AskPanel(this.app, () => this.current);
  private current = 'public';
  private read: Record<string, number> = {};
  private chans: ChannelModel[] = [];
  private s: PublicScenario | null = null;
  private v: View | null = null;
  visible = false;
  unread = 0;

  constructor(
    private app: AppApi,
    private onUnread: () => void,
  ) {
    const form = h(
      'form',
      { class: 'row chat-form', onsubmit: (e: Event) => (e.preventDefault(), void this.post()) },
      h('label', { for: 'chat-input', class: 'sr-only' }, 'Message'),
      this.input,
      this.send,
      this.count,
    );
    // The next edit starts over: the last refusal no longer applies.
    this.input.addEventListener('input', () => (this.counted(), showError(this.error, null)));
    this.log.addEventListener('scroll', () => {
      if (atBottom(this.log)) this.jump.hidden = true;
    });
    app.conn.onBotRecap((r) => {
      setText(this.recap, r.text);
      this.recap.hidden = false;
      app.announce(r.text);
    });
    this.el.append(
      h('h2', { id: 'talks-h' }, 'Talks'),
      h(
        'div',
        { class: 'talks-body' },
        this.list,
        h(
          'div',
          { class: 'channel' },
          this.recap,
          h('div', { class: 'row' }, this.title, h('span', { class: 'spacer' }), this.jump, this.refuse),
          this.earlier,
          this.log,
          form,
          this.error,
          this.ask.el,
        ),
      ),
    );
  }

  render(s: PublicScenario, v: View): void {
    this.s = s;
    this.v = v;
    // A refusal is about its moment: hide it once the turn or phase moves on or the link is back.
    if (this.moment.over(v, this.app.store.state.status)) showError(this.error, null);
    if (this.visible) this.read[this.current] = v.chat.filter((m) => m.channel === this.current).length;
    this.chans = channels(s, v, this.read);
    if (!this.chans.some((c) => c.id === this.current)) this.current = 'public';
    keyed(
      this.list,
      this.chans,
      (c) => c.id,
      (c) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'channel-btn',
              'data-testid': `channel-${c.id.replace(/:/g, '-')}`,
              onclick: () => this.select(c.id),
            },
            h('span', { class: 'name' }),
            h('span', { class: 'badge' }),
          ),
        ),
      (el, c) => {
        const b = el.querySelector('button')!;
        b.setAttribute('aria-current', c.id === this.current ? 'true' : 'false');
        setText(b.querySelector('.name')!, c.label + (c.refused ? ' (refused)' : ''));
        const badge = b.querySelector<HTMLElement>('.badge')!;
        badge.hidden = c.unread === 0;
        setText(badge, String(c.unread));
        b.setAttribute(
          'aria-label',
          `${c.label}${c.unread ? `, ${c.unread} unread` : ''}${c.refused ? ', refused' : ''}`,
        );
      },
    );
    const ch = this.chans.find((c) => c.id === this.current)!;
    setText(this.title, ch.label);
    const lines = messages(s, v, this.current);
    const before = {
      scrollTop: this.log.scrollTop,
      clientHeight: this.log.clientHeight,
      scrollHeight: this.log.scrollHeight,
    };
    keyed(
      this.log,
      lines,
      (m) => m.id,
      (m) =>
        h(
          'li',
          { class: m.mine ? 'mine' : '' },
          h('strong', {}, `${m.from}: `),
          m.text,
          m.tag ? h('span', { class: 'verdict', 'data-testid': 'verdict' }, ` (${m.tag})`) : '',
        ),
      () => undefined,
    );
    this.follow(before, lines.at(-1));
    this.earlier.hidden = !v.chatFrom;
    enable(
      this.input,
      ch.canWrite && v.seat !== 'observer',
      v.seat === 'observer' ? 'Observers read only.' : 'This channel is closed.',
    );
    enable(this.send, ch.canWrite && v.seat !== 'observer');
    this.ask.render(s, v, ch);
    this.refuse.hidden = !ch.other || !v.me;
    setText(
      this.refuse,
      ch.refused ? (ch.refusedByMe ? 'Reopen this channel' : 'Refused by them') : 'Refuse direct talks',
    );
    enable(this.refuse, !ch.refused || ch.refusedByMe);
    this.unread = this.chans.reduce((n, c) => n + c.unread, 0);
    this.onUnread();
  }

  private select(id: string): void {
    this.current = id;
    if (this.s && this.v) this.render(this.s, this.v);
    this.log.lastElementChild?.scrollIntoView({ block: 'nearest' });
    this.input.focus();
  }

  /** After drawing the lines: a channel just opened shows its newest; a new line is followed or announced by the jump button. */
  private follow(before: ScrollBox, last: MessageModel | undefined): void {
    const shown = `${this.current} ${this.visible}`;
    const opened = shown !== this.shown;
    this.shown = shown;
    const newest = last ? `${this.current} ${last.id}` : '';
    const arrived = newest !== this.newest;
    this.newest = newest;
    // A hidden list has no size to go by; it is brought to its newest lines when opened.
    if (!this.visible) return;
    if (opened || (arrived && last && stickToBottom(before, last.mine))) this.toBottom();
    else if (arrived && last) this.jump.hidden = false;
  }

  private toBottom(): void {
    this.log.scrollTop = this.log.scrollHeight;
    this.jump.hidden = true;
  }

  private counted(): void {
    const n = this.input.value.length;
    setText(
      this.count,
      n >= CHAT_MAX
        ? `${CHAT_MAX} of ${CHAT_MAX} characters: the limit (longer text is cut)`
        : `${n} of ${CHAT_MAX} characters`,
    );
    this.count.classList.toggle('full', n >= CHAT_MAX);
    // Shown while there is something to count: an empty field's "0 of 500" only covered the last line's corner.
    this.count.classList.toggle('empty', n === 0);
  }

  private async post(): Promise<void> {
    const text = this.input.value.trim();
    // The line stays in the field until the table has it: a second Enter meanwhile would post it twice.
    if (this.posting) return;
    showError(this.error, null);
    if (!text) return;
    this.posting = true;
    try {
      const r = await this.app.conn.act({ type: 'chat', channel: this.current, text });
      if (!r.ok) return showError(this.error, r.message);
      if (this.input.value.trim() === text) this.input.value = '';
      this.counted();
    } finally {
      this.posting = false;
    }
  }

  private async toggleRefusal(): Promise<void> {
    const ch = this.chans.find((c) => c.id === this.current);
    if (!ch?.other) return;
    const r = await this.app.conn.act({ type: 'refuse_channel', with: ch.other, refuse: !ch.refused });
    if (!r.ok) showError(this.error, r.message);
  }
}
