import { describe, expect, it } from 'vitest';
import { atBottom, stickToBottom } from '../../../client/presenters/chat-scroll.js';

// The list of the bug report: 316 px tall, 896 px of lines.
const box = (scrollTop: number) => ({ scrollTop, clientHeight: 316, scrollHeight: 896 });

describe('chat scrolling', () => {
  it('follows a new line when the reader was at, or within 40 px of, the bottom', () => {
    expect(stickToBottom(box(580), false)).toBe(true);
    expect(stickToBottom(box(540), false)).toBe(true);
    expect(stickToBottom(box(539), false)).toBe(false);
  });

  it("stays put for others' lines while the reader reads older ones, but always follows the reader's own", () => {
    expect(stickToBottom(box(0), false)).toBe(false);
    expect(stickToBottom(box(0), true)).toBe(true);
  });

  it('counts a list shorter than its box (or not yet drawn) as at the bottom', () => {
    expect(atBottom({ scrollTop: 0, clientHeight: 316, scrollHeight: 120 })).toBe(true);
    expect(atBottom({ scrollTop: 0, clientHeight: 0, scrollHeight: 0 })).toBe(true);
  });
});
