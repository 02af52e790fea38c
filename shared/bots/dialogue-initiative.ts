import { bilateralChannel, isRefused, type PublicScenario, type RoleId, type View } from '../engine/index.js';
import { line } from './dialogue-lines.js';
import { toneOf, trustBetween } from './dialogue-tone.js';
import { label, listing, priority, roleName } from './dialogue.js';
import { bestOption, openIssues, selfOf, type Self } from './utility.js';

// Lines a bot says on its own initiative, from its own view and the public scenario only.

export interface Initiative {
  channel: string;
  text: string;
  /** For the facilitator only. */
  reason: string;
}

const RANK = { high: 0, mid: 1, low: 2 } as const;

function refused(view: View, a: RoleId, b: RoleId): boolean {
  return isRefused(view, a, b);
}

/** Open issues ordered by what matters to us, keeping the sequencing rule's `first` before its `later`. */
function ordered(me: Self, s: PublicScenario, ids: string[]): string[] {
  const out = [...ids].sort(
    (a, b) =>
      RANK[priority(me, s, a)] - RANK[priority(me, s, b)] ||
      s.issues.findIndex((i) => i.id === a) - s.issues.findIndex((i) => i.id === b),
  );
  const q = s.mechanics.sequencing;
  if (q && out.includes(q.first) && out.includes(q.later) && out.indexOf(q.later) < out.indexOf(q.first)) {
    out.splice(out.indexOf(q.first), 1);
    out.splice(out.indexOf(q.later), 0, q.first);
  }
  return out;
}

/**
 * A working-group agenda: the group's open issues (all signatories inside the group, else any
 * signatory in it), most important to us first, guarantees-type `first` issues before `later` ones.
 * Null if the group has nothing open or this seat is not a member.
 */
export function agenda(view: View, s: PublicScenario, groupId: string): Initiative | null {
  const g = s.workingGroups.find((x) => x.id === groupId);
  if (!g || !view.me || !g.members.includes(view.me.role.id)) return null;
  const me = selfOf(view, s);
  const open = openIssues(view, s);
  let ids = open.filter((i) => i.signatories.every((r) => g.members.includes(r))).map((i) => i.id);
  if (!ids.length)
    ids = open.filter((i) => i.signatories.some((r) => g.members.includes(r) && r !== me.id)).map((i) => i.id);
  if (!ids.length) return null;
  const list = ordered(me, s, ids).slice(0, 3);
  const text = line(
    s,
    me.id,
    'agenda',
    { issues: listing(list.map((i) => s.issues.find((x) => x.id === i)!.title)), me: roleName(s, me.id) },
    `${view.round}|${groupId}`,
  );
  return {
    channel: `wg:${g.id}`,
    text,
    reason: `Agenda for ${g.id}: ${list.join(', ')} (our priorities first, sequencing kept).`,
  };
}

/**
 * Telling a likely partner what we are after: the delegation that co-signs our most important open
 * issue and that we trust most, on our bilateral channel. What we are after is said as fully as trust allows.
 */
export function tellPartner(view: View, s: PublicScenario, skip: RoleId[] = []): (Initiative & { to: RoleId }) | null {
  if (!view.me) return null;
  const me = selfOf(view, s);
  const open = ordered(
    me,
    s,
    openIssues(view, s)
      .filter((i) => (me.ok[i.id] ?? []).length > 0)
      .map((i) => i.id),
  );
  for (const id of open) {
    const issue = s.issues.find((i) => i.id === id)!;
    const partners = issue.signatories
      .filter((r) => r !== me.id && !refused(view, me.id, r) && !skip.includes(r))
      .sort((a, b) => trustBetween(view, s, me.id, b) - trustBetween(view, s, me.id, a));
    const to = partners[0];
    if (!to) continue;
    const tone = toneOf(trustBetween(view, s, me.id, to));
    const top = open.slice(0, tone === 'cool' ? 1 : 2).map((i) => s.issues.find((x) => x.id === i)!);
    const wants = listing(
      top.map((i) =>
        tone === 'cool' ? `movement on ${i.title}` : `${label(s, i.id, bestOption(me, i))} on ${i.title}`,
      ),
    );
    const text = line(
      s,
      me.id,
      'after',
      { wants, role: roleName(s, to), me: roleName(s, me.id) },
      `${view.round}|${to}`,
    );
    return {
      to,
      channel: bilateralChannel(me.id, to),
      text,
      reason: `${roleName(s, to)} co-signs ${id}, our first open priority; trust reads ${tone}.`,
    };
  }
  return null;
}

/** An answer to a lever another delegation pulled (one that lowered our walk-away), on our bilateral channel, or the table if refused. */
export function leverReply(view: View, s: PublicScenario, puller: RoleId, leverLabel: string): Initiative | null {
  if (!view.me || puller === view.me.role.id) return null;
  const me = view.me.role.id;
  const text = line(
    s,
    me,
    'lever_reply',
    { role: roleName(s, puller), lever: leverLabel.toLowerCase(), me: roleName(s, me) },
    `${view.round}|${puller}|${leverLabel}`,
  );
  return {
    channel: refused(view, me, puller) ? 'public' : bilateralChannel(me, puller),
    text,
    reason: `${roleName(s, puller)} pulled "${leverLabel}", which lowered our walk-away value.`,
  };
}

/** What a stand-in tells its returning student: its lines and its moves while it held the seat. */
export function recap(s: PublicScenario, role: RoleId, said: string[], did: string[]): string {
  if (!said.length && !did.length) return line(s, role, 'recap_none', {}, role);
  const parts: string[] = [];
  if (said.length)
    parts.push(
      line(
        s,
        role,
        'recap_said',
        {
          said: said
            .slice(-4)
            .map((x) => `"${x}"`)
            .join('; '),
        },
        role,
      ),
    );
  if (did.length) parts.push(line(s, role, 'recap_did', { did: did.slice(-6).join('; ') }, role));
  return parts.join(' ');
}
