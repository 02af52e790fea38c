import { NOTE_MAX, type Offer, type PublicScenario, type RoleId, type Terms, type View } from '../engine/index.js';
import { crosses, type Self } from './utility.js';

// The engine's rules as far as a bot's own view lets it check them. A bot cannot call
// applyAction (it has no GameState), so it checks each move here before sending it.

export function myTurn(view: View): boolean {
  return view.phase === 'moves' && !view.paused && view.turn === view.seat && !view.moved.includes(view.seat);
}

export function refused(view: View, a: RoleId, b: RoleId): boolean {
  return view.refusals.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** Mirrors the engine's checkProposal. */
export function canPropose(view: View, s: PublicScenario, me: Self, to: RoleId[], terms: Terms, note = ''): boolean {
  if (to.length === 0 || new Set(to).size !== to.length) return false;
  for (const r of to) if (r === me.id || !s.roles.some((x) => x.id === r) || refused(view, me.id, r)) return false;
  const ids = Object.keys(terms);
  if (ids.length === 0 || ids.length > 20) return false;
  const parties = [me.id, ...to];
  for (const id of ids) {
    const issue = s.issues.find((i) => i.id === id);
    if (!issue || !issue.options.some((o) => o.id === terms[id])) return false;
    if (view.clauses[id]) return false;
    if (!parties.some((r) => issue.signatories.includes(r))) return false;
    if (crosses(me, id, terms[id])) return false;
  }
  return note.length <= NOTE_MAX;
}

/** An open offer to this delegation that it has not answered yet. */
export function answerable(view: View, me: Self, o: Offer): boolean {
  return o.status === 'open' && o.to.includes(me.id) && !o.answers[me.id];
}

/** Mirrors the engine's checkAccept. */
export function canAccept(view: View, me: Self, o: Offer): boolean {
  if (!answerable(view, me, o)) return false;
  for (const [id, opt] of Object.entries(o.terms)) {
    if (crosses(me, id, opt)) return false;
    const c = view.clauses[id];
    if (c && c.option !== opt) return false;
  }
  if (o.inReturn?.role === me.id) {
    const lever = me.role.levers.find((l) => l.id === o.inReturn!.lever);
    if (!lever || (view.me?.leversUsed[lever.id] ?? 0) >= lever.uses) return false;
  }
  return true;
}

export function counterRecipients(me: Self, o: Offer): RoleId[] {
  return [o.from, ...o.to.filter((r) => r !== me.id)];
}

export function canSign(view: View, s: PublicScenario, me: Self): boolean {
  return !view.signatures.includes(me.id) && s.issues.every((i) => !i.required || !!view.clauses[i.id]);
}

export function canPullLever(view: View, me: Self, lever: string): boolean {
  const l = me.role.levers.find((x) => x.id === lever);
  return !!l && (view.me?.leversUsed[lever] ?? 0) < l.uses;
}
