import { h } from '../dom.js';

// DOM helpers for the classroom pages (no framework): the element builder is the game client's own.
export { h };
export { mmss } from '../presenters/timer.js';

/** Reads "#a=1&b=2" into a map. */
export function hashParams(): URLSearchParams {
  return new URLSearchParams(window.location.hash.replace(/^#/, ''));
}

/** Saves a text as a file the browser downloads. */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
