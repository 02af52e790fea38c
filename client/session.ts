// What the browser remembers so a reload finds the same seat.

export interface SavedSession {
  code: string;
  role: string;
  name: string;
  facilitatorKey?: string;
  /** Saved by another page (the class page, the console) for a seat not yet visited: open it on the briefing. */
  fresh?: boolean;
}

const SESSION = 'negotiation.session';
const PLAYER = 'negotiation.playerId';
const KEYS = 'negotiation.facilitatorKeys';

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full storage: the game still works, a reload just will not resume.
  }
}

/** A stable id for this browser, sent on join so the server gives the seat back. */
export function playerId(): string {
  let id = read<string>(PLAYER);
  if (!id) {
    // randomUUID needs a secure context; classroom servers are often plain http on a LAN.
    id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    write(PLAYER, id);
  }
  return id;
}

/**
 * The offer a seat was drafting, per table and seat, for this tab only (sessionStorage: a reload keeps it, another
 * tab or a closed one does not). Shape checked by presenters/draft.ts on the way back.
 */
export const drafts = {
  load(code: string, seat: string): unknown {
    try {
      const raw = sessionStorage.getItem(draftKey(code, seat));
      return raw ? (JSON.parse(raw) as unknown) : null;
    } catch {
      return null;
    }
  },
  /** `draft` null: forget it (sent, or emptied). */
  save(code: string, seat: string, draft: unknown): void {
    try {
      if (draft === null) sessionStorage.removeItem(draftKey(code, seat));
      else sessionStorage.setItem(draftKey(code, seat), JSON.stringify(draft));
    } catch {
      // Private mode or full storage: the draft is just not kept over a reload.
    }
  },
};

const draftKey = (code: string, seat: string) => `negotiation.draft.${code}.${seat}`;

export const session = {
  load: () => read<SavedSession>(SESSION),
  save: (s: SavedSession) => write(SESSION, s),
  clear: () => write(SESSION, null),
  lastName: () => read<SavedSession>(SESSION)?.name ?? read<string>('negotiation.name') ?? '',
  rememberName: (name: string) => write('negotiation.name', name),
  /** The class this browser last joined, so a reopened class page finds the student's seat without the code. */
  lastClass: () => read<string>('negotiation.class') ?? '',
  rememberClass: (code: string) => write('negotiation.class', code),
  facilitatorKey: (code: string) => read<Record<string, string>>(KEYS)?.[code] ?? null,
  rememberKey: (code: string, key: string) =>
    write(KEYS, { ...(read<Record<string, string>>(KEYS) ?? {}), [code]: key }),
};
