import { NOTE_MAX } from '../../shared/engine/types.js';
import type { PublicScenario } from '../../shared/engine/view.js';

/**
 * An offer being drafted in the composer, kept across a reload (a laptop that slept, a phone that dropped the tab):
 * recipients (role ids), one option id per issue, the lever asked "in return" (`role:lever`, or ''), and the note.
 */
export interface OfferDraft {
  to: string[];
  terms: Record<string, string>;
  inReturn: string;
  note: string;
}

/**
 * A stored draft made safe to put back in the composer of `seat`: recipients that are other delegations of the
 * scenario, options that exist for their issue, a note no longer than the composer takes. Anything else (an old
 * scenario, edited storage) is dropped. Null when nothing is left to restore.
 */
export function restorableDraft(s: PublicScenario, seat: string, raw: unknown): OfferDraft | null {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Partial<Record<keyof OfferDraft, unknown>>;
  const others = new Set(s.roles.map((r) => r.id).filter((r) => r !== seat));
  const to = Array.isArray(d.to) ? d.to.filter((r): r is string => typeof r === 'string' && others.has(r)) : [];
  const terms: Record<string, string> = {};
  if (d.terms && typeof d.terms === 'object')
    for (const issue of s.issues) {
      const o = (d.terms as Record<string, unknown>)[issue.id];
      if (typeof o === 'string' && issue.options.some((x) => x.id === o)) terms[issue.id] = o;
    }
  const inReturn = typeof d.inReturn === 'string' ? d.inReturn : '';
  const note = typeof d.note === 'string' ? d.note.slice(0, NOTE_MAX) : '';
  const draft = { to: [...new Set(to)], terms, inReturn, note };
  return isEmptyDraft(draft) ? null : draft;
}

/** Whether a draft holds nothing worth keeping (a fresh composer). */
export function isEmptyDraft(d: OfferDraft): boolean {
  return d.to.length === 0 && Object.keys(d.terms).length === 0 && !d.inReturn && !d.note.trim();
}
