// A few DOM helpers: panels build real elements (buttons, labels, lists) and patch them in place.

type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element: h('button', { 'data-testid': 'x', onclick: fn }, 'Label'). Attributes starting
 * with "on" and given a function become listeners; `true` sets a boolean attribute; null, undefined
 * and false are left out. Children may be nested arrays; numbers become text.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function')
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets disabled, and the reason as a tooltip for pointer users. */
export function enable(
  el: HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  on: boolean,
  reason = '',
): void {
  el.disabled = !on;
  if (reason && !on) el.title = reason;
  else el.removeAttribute('title');
}

/**
 * Keeps a list of keyed children in order, reusing the element for each key so focus
 * and open state survive an update.
 */
export function keyed<T>(
  parent: Element,
  items: T[],
  key: (t: T) => string,
  create: (t: T) => HTMLElement,
  update: (el: HTMLElement, t: T) => void,
): void {
  const existing = new Map<string, HTMLElement>();
  for (const c of [...parent.children] as HTMLElement[]) if (c.dataset.key) existing.set(c.dataset.key, c);
  let prev: Element | null = null;
  for (const item of items) {
    const k = key(item);
    let el = existing.get(k);
    if (el) existing.delete(k);
    else {
      el = create(item);
      el.dataset.key = k;
    }
    update(el, item);
    const want: Element | null = prev ? prev.nextElementSibling : parent.firstElementChild;
    if (want !== el) parent.insertBefore(el, want);
    prev = el;
  }
  for (const el of existing.values()) el.remove();
}

/** An error line shown next to the control that caused it (role=alert reads it out). */
export function errorSlot(testid: string): HTMLParagraphElement {
  return h('p', { class: 'error', role: 'alert', 'data-testid': testid, hidden: true });
}

export function showError(slot: HTMLElement, message: string | null): void {
  slot.hidden = !message;
  setText(slot, message ?? '');
}
