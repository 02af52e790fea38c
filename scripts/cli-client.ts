// A small command-line client: proof that the protocol works outside the browser.
// npm run client -- --url http://localhost:2567 --code ABC123 --role usa --name Bot [--key FACILITATOR_KEY] [--player ID]
import { Client } from 'colyseus.js';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { applyViewDelta, type View, type ViewDelta } from '../shared/engine/index.js';
import type { ActionMessage, ServerMessages } from '../shared/protocol.js';

const { values: o } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:2567' },
    code: { type: 'string' },
    role: { type: 'string', default: 'observer' },
    name: { type: 'string', default: 'CLI' },
    key: { type: 'string' },
    player: { type: 'string' },
  },
});
if (!o.code) {
  console.error(
    'usage: npm run client -- --code ABC123 [--role usa|observer|facilitator] [--name Bot] [--key KEY] [--url http://localhost:2567]',
  );
  process.exit(2);
}

const HELP = `commands:
  ready | pass | sign | start | pause | resume | advance | end | sync | view | quit
  propose <to,to> issue=option ... [note words]     counter <offer> issue=option ... [note words]
  accept <offer> | reject <offer> | withdraw <offer> | lever <lever> | inject <event> | extend <seconds>
  chat <public|bi:a:b|wg:id> <text...> | refuse <role> | reopen <role>`;

function summary(v: View): string {
  const clock = v.paused
    ? 'paused'
    : v.deadline
      ? `${Math.max(0, Math.round((v.deadline - Date.now()) / 1000))}s left`
      : 'untimed';
  const lines = [
    `[${v.seat}] round ${v.round}/${v.rounds} · ${v.phase} · ${clock}${v.turn ? ` · turn: ${v.turn}` : ''}`,
  ];
  if (v.me) lines.push(`  walk-away now ${v.me.walkAwayNow}`);
  const clauses = Object.values(v.clauses).map((c) => `${c.issue}=${c.option}`);
  if (clauses.length)
    lines.push(`  settled: ${clauses.join(', ')}${v.signatures.length ? ` · signed: ${v.signatures.join(', ')}` : ''}`);
  for (const f of v.offers.filter((x) => x.status === 'open'))
    lines.push(
      `  offer ${f.id} ${f.from} -> ${f.to.join(',')}: ${Object.entries(f.terms)
        .map(([i, x]) => `${i}=${x}`)
        .join(' ')}${f.note ? ` "${f.note}"` : ''}`,
    );
  for (const m of v.chat.slice(-3)) lines.push(`  (${m.channel}) ${m.from}: ${m.text}`);
  if (v.outcome) lines.push(`  outcome: ${v.outcome.kind}, durability ${v.outcome.durability ?? '-'}`);
  return lines.join('\n');
}

const terms = (words: string[]) => Object.fromEntries(words.filter((w) => w.includes('=')).map((w) => w.split('=', 2)));
const note = (words: string[]) => words.filter((w) => !w.includes('=')).join(' ') || undefined;

/** Turns one typed line into an action, or null with a hint. */
function parse(line: string): ActionMessage | null {
  const [cmd, ...rest] = line.trim().split(/\s+/);
  const [a, ...more] = rest;
  switch (cmd) {
    case 'ready':
    case 'pass':
    case 'sign':
    case 'start':
    case 'pause':
    case 'resume':
    case 'advance':
    case 'end':
      return { type: cmd };
    case 'propose':
      return { type: 'propose', to: (a ?? '').split(','), terms: terms(more), note: note(more) };
    case 'counter':
      return { type: 'counter', offer: a, terms: terms(more), note: note(more) };
    case 'accept':
    case 'reject':
    case 'withdraw':
      return { type: cmd, offer: a };
    case 'lever':
      return { type: 'lever', lever: a };
    case 'inject':
      return { type: 'inject', event: a };
    case 'extend':
      return { type: 'extend', seconds: Number(a) };
    case 'chat':
      return { type: 'chat', channel: a, text: more.join(' ') };
    case 'refuse':
    case 'reopen':
      return { type: 'refuse_channel', with: a, refuse: cmd === 'refuse' };
    default:
      return null;
  }
}

const res = await fetch(`${o.url}/api/tables/${encodeURIComponent(o.code)}`);
const info = (await res.json()) as {
  roomId?: string;
  scenario?: { title: string };
  roles?: { id: string; status: string }[];
  error?: { message: string };
};
if (!res.ok || !info.roomId) {
  console.error(`cannot find table ${o.code}: ${info.error?.message ?? res.status}`);
  process.exit(1);
}
console.log(`${info.scenario?.title}: seats ${info.roles?.map((r) => `${r.id} (${r.status})`).join(', ')}`);
const client = new Client(o.url.replace(/^http/, 'ws'));
const room = await client.joinById(info.roomId, {
  code: o.code,
  role: o.role,
  name: o.name,
  facilitatorKey: o.key,
  playerId: o.player,
});
let last: View | null = null;
room.onMessage('welcome', (w: ServerMessages['welcome']) => console.log(`joined ${w.code} as ${w.seat} (${w.name})`));
room.onMessage('view', (v: View) => console.log(summary((last = v))));
room.onMessage('delta', (d: ServerMessages['delta']) => {
  const v = last && applyViewDelta(last, d as ViewDelta);
  if (v) console.log(summary((last = v)));
  else room.send('sync', { ref: `c${++n}` });
  // Our own action's acknowledgement travels with the delta it caused.
  if (d.ack) console.log(`ok (#${d.ack.seq})`);
});
room.onMessage('ack', (a: ServerMessages['ack']) => console.log(`ok (#${a.seq})`));
room.onMessage('error', (e: ServerMessages['error']) => console.log(`refused: ${e.code}: ${e.message}`));
room.onLeave((code) => {
  console.log(`left the table (${code})`);
  process.exit(0);
});
console.log(HELP);

let n = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const cmd = line.trim();
  if (!cmd) continue;
  if (cmd === 'quit') break;
  if (cmd === 'view') console.log(JSON.stringify(last, null, 2));
  else if (cmd === 'sync') room.send('sync', { ref: `c${++n}` });
  else {
    const action = parse(cmd);
    if (action) room.send('act', { ref: `c${++n}`, action });
    else console.log(HELP);
  }
}
await room.leave(true);
process.exit(0);
