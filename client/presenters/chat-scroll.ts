/** Where a scrolling list stands: its scroll offset, visible height and content height (px). */
export interface ScrollBox {
  scrollTop: number;
  clientHeight: number;
  scrollHeight: number;
}

/** How close to the bottom (px) still counts as reading the newest lines. */
export const BOTTOM_SLACK = 40;

/** Whether the list shows its last lines: at, or within BOTTOM_SLACK px of, the bottom. */
export function atBottom(box: ScrollBox): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= BOTTOM_SLACK;
}

/**
 * Whether a chat list should scroll to a line that just arrived, given where it stood before the update:
 * as in any chat, it follows when the reader was at the bottom or the line is their own, and stays put
 * when they had scrolled up to read older lines.
 */
export function stickToBottom(before: ScrollBox, mine: boolean): boolean {
  return mine || atBottom(before);
}
