import { h, setText } from '../dom.js';
import { probeLiveConnection, probeReport } from '../net/probe.js';

/**
 * "Connection check": a link that opens one WebSocket to this server (the path a table's live
 * connection takes) and says in words whether it works, or what to ask the school's IT for.
 * Used on the start page and the class page.
 */
export function connectionCheck(): HTMLElement {
  const out = h('span', { 'data-testid': 'connection-check-result', role: 'status', 'aria-live': 'polite' });
  const check = async () => {
    setText(out, 'Checking live connections…');
    out.className = '';
    const r = await probeLiveConnection();
    setText(out, probeReport(r));
    out.className = r.ok ? 'check-ok' : 'error';
  };
  const run = (e: Event) => {
    e.preventDefault();
    void check();
  };
  return h(
    'p',
    { class: 'hint connection-check' },
    h('a', { href: '#connection-check', 'data-testid': 'connection-check', onclick: run }, 'Connection check'),
    ': does this network let the game’s live connection through? ',
    out,
  );
}
