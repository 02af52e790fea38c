// The classes this browser created or opened, so reopening console.html finds them again.

export interface RecentClass {
  id: string;
  key: string;
  code: string;
  title: string;
  /** When this browser last opened the class's console, ms. */
  openedAt: number;
}

const KEY = 'negotiation.recentClasses';
const KEPT = 10;

/** This browser's recent classes, newest first; [] when storage is unavailable. */
export function recentClasses(): RecentClass[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(raw)
      ? raw.filter((c): c is RecentClass => typeof c?.id === 'string' && typeof c?.key === 'string').slice(0, KEPT)
      : [];
  } catch {
    return [];
  }
}

function save(list: RecentClass[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, KEPT)));
  } catch {
    // Private mode or full storage: the bookmark is then the only way back.
  }
}

/** Puts a class first in the list (kept: the 10 latest). */
export function rememberClass(c: Omit<RecentClass, 'openedAt'>, now = Date.now()): void {
  save([{ ...c, openedAt: now }, ...recentClasses().filter((x) => x.id !== c.id)]);
}

export function forgetClass(id: string): void {
  save(recentClasses().filter((x) => x.id !== id));
}

/** The console's own address for a class: the key sits in the fragment, which browsers never send to a server. */
export function consoleLink(origin: string, id: string, key: string): string {
  return `${origin}/console.html#class=${encodeURIComponent(id)}&key=${encodeURIComponent(key)}`;
}

/**
 * The origin students should use. A console opened on this machine (localhost) shows the server's
 * first LAN address instead, with the same port; otherwise the console's own origin.
 */
export function studentOrigin(
  loc: { protocol: string; hostname: string; port: string; origin: string },
  lan: string[],
): { origin: string; local: boolean } {
  const loopback =
    ['localhost', '127.0.0.1', '[::1]', '::1'].includes(loc.hostname) || loc.hostname.endsWith('.localhost');
  if (!loopback) return { origin: loc.origin, local: false };
  if (!lan.length) return { origin: loc.origin, local: true };
  return { origin: `${loc.protocol}//${lan[0]}${loc.port ? `:${loc.port}` : ''}`, local: false };
}
