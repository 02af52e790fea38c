import type { ActionMessage } from '../../shared/protocol.js';
import type { Phase, View } from '../../shared/engine/index.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import type { Player } from './helpers.js';

/** A table of one player per delegation, plus whatever else the test seats. */
export interface Table {
  scenario: Scenario;
  byRole: Map<string, Player>;
}

export function roles(t: Table): Player[] {
  return [...t.byRole.values()];
}

/** Waits until every delegation's latest view satisfies `pred`. */
export async function allSee(t: Table, pred: (v: View) => boolean, what: string): Promise<void> {
  for (const p of roles(t)) await p.waitView(pred, what);
}

/** Every delegation says ready: the phase ends early. */
export async function everyoneReady(t: Table): Promise<void> {
  const from = roles(t)[0].view;
  for (const p of roles(t)) await p.must({ type: 'ready' });
  await allSee(t, (v) => v.phase !== from.phase || v.round !== from.round, `leaving ${from.phase}`);
}

/** Moves on with "ready" until the table reaches `phase` (of any round). */
export async function readyUntil(t: Table, phase: Phase): Promise<void> {
  for (let i = 0; i < 8 && roles(t)[0].view.phase !== phase; i++) await everyoneReady(t);
  if (roles(t)[0].view.phase !== phase) throw new Error(`never reached ${phase}`);
}

/** The player whose formal move it is. */
export function onTurn(t: Table): Player {
  const turn = roles(t)[0].view.turn;
  const p = turn ? t.byRole.get(turn) : undefined;
  if (!p) throw new Error(`nobody on turn (phase ${roles(t)[0].view.phase})`);
  return p;
}

/** One option per required issue that no delegation has ruled out. */
export function acceptablePackage(s: Scenario): Record<string, string> {
  const terms: Record<string, string> = {};
  const banned = new Set(s.roles.flatMap((r) => r.redLines));
  for (const issue of s.issues.filter((i) => i.required)) {
    const option = issue.options.find((o) => !banned.has(`${issue.id}.${o.id}`));
    if (!option) throw new Error(`every option of ${issue.id} is someone's red line`);
    terms[issue.id] = option.id;
  }
  return terms;
}

/** The delegation on turn makes a formal move; resolves once every delegation has seen it. */
export async function move(t: Table, action: ActionMessage): Promise<string> {
  const p = onTurn(t);
  const { seat, round } = p.view;
  await p.must(action);
  await allSee(
    t,
    (v) => v.round !== round || v.phase !== 'moves' || v.moved.includes(seat),
    `${seat}'s ${action.type}`,
  );
  return seat;
}
