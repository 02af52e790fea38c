import { CONNECTION_CHECK_PATH } from '../../shared/protocol.js';

/** What one try of the WebSocket path found. refused: the upgrade was turned down; silent: no answer in time. */
export type ProbeResult = { ok: true; ms: number } | { ok: false; reason: 'refused' | 'silent'; ms: number };

/** Longest wait for the check's WebSocket to open, ms (the page must explain a block within 5 s). */
export const PROBE_TIMEOUT_MS = 3500;

/** ws(s)://host:port of the page's own server. */
export function liveEndpoint(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}`;
}

/**
 * Opens one WebSocket to the server's connection check (server/connection-check.ts) and reports whether
 * it opened: the same path, host and port a table's live connection uses. Never rejects.
 */
export function probeLiveConnection(endpoint = liveEndpoint(), timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${endpoint}${CONNECTION_CHECK_PATH}`);
    } catch {
      return resolve({ ok: false, reason: 'refused', ms: ms() });
    }
    let done = false;
    const finish = (r: ProbeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.onopen = ws.onerror = ws.onclose = null;
      try {
        ws.close();
      } catch {
        // Closing a socket that never opened may throw in some browsers; nothing to do.
      }
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'silent', ms: ms() }), timeoutMs);
    ws.onopen = () => finish({ ok: true, ms: ms() });
    ws.onerror = ws.onclose = () => finish({ ok: false, reason: 'refused', ms: ms() });
  });
}

/** host:port as a person would type it into a firewall rule (the default port spelled out). */
export function hostAndPort(loc: Pick<Location, 'protocol' | 'hostname' | 'port'> = window.location): {
  host: string;
  port: string;
} {
  return { host: loc.hostname, port: loc.port || (loc.protocol === 'https:' ? '443' : '80') };
}

/** The sentence a student or instructor sees when live connections are blocked (also in docs/classroom.md). */
export function blockedMessage(
  r: Extract<ProbeResult, { ok: false }>,
  loc: Pick<Location, 'protocol' | 'hostname' | 'port'> = window.location,
): string {
  const { host, port } = hostAndPort(loc);
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  const what = r.reason === 'refused' ? 'was refused' : 'got no answer';
  return (
    `This network is blocking live connections: the page loads, but the game's live link (a WebSocket) ${what}. ` +
    `Ask the school's IT to allow WebSocket connections (${scheme}://) to ${host} on port ${port}. ` +
    'Until then, try another network, such as a phone hotspot.'
  );
}

/** The connection check's report, in words. */
export function probeReport(
  r: ProbeResult,
  loc: Pick<Location, 'protocol' | 'hostname' | 'port'> = window.location,
): string {
  if (r.ok)
    return `Live connections work: the game's WebSocket to ${hostAndPort(loc).host} port ${hostAndPort(loc).port} opened in ${r.ms} ms. Students on this network can play.`;
  return blockedMessage(r, loc);
}
