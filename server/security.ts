import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** Send Strict-Transport-Security (only meaningful behind HTTPS). Default: when the request is secure. */
  hsts?: boolean;
}

/** A Host header we are willing to echo into the policy (name or IPv4/IPv6 literal, optional port). */
const SAFE_HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** WebSocket sources for the policy: the same host only, named for browsers that do not treat 'self' as covering ws:/wss:. */
function sockets(host: string | undefined): string[] {
  return host && SAFE_HOST.test(host) ? [`ws://${host}`, `wss://${host}`] : [];
}

/**
 * The Content-Security-Policy for our pages, as one header value (tests and docs read it). Scripts only from
 * our own origin (Phaser 4 needs no eval: its shaders are strings compiled by WebGL, not by JavaScript).
 * Images, audio and workers may be blob:/data: because Phaser's loader and texture generator make them.
 * Inline styles are allowed because Phaser and Chart.js size their canvases with style attributes.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  return Object.entries(directives(host))
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v.join(' ')}`)
    .join('; ');
}

function directives(host: string | undefined): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...sockets(host)],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}

type Raw = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * The security headers of every response, from helmet: the policy above, nosniff, frame denial, no referrer,
 * same-origin opener and resource policies, a Permissions-Policy with nothing granted, HSTS on secure requests.
 * Works on Express requests and on plain Node requests (Colyseus's matchmaker routes).
 */
export function securityHeaders(opts: SecurityHeaderOptions = {}): RequestHandler & Raw {
  // The policy names this request's host for WebSockets, so connect-src is a function of the request.
  const connect = (req: IncomingMessage) => ["'self'", ...sockets(req.headers.host)].join(' ');
  const d = { ...directives(undefined), connectSrc: [connect] };
  const make = (hsts: boolean) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: d },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      frameguard: { action: 'deny' },
      strictTransportSecurity: hsts ? { maxAge: 15552000, includeSubDomains: true } : false,
    });
  const withHsts = make(true);
  const noHsts = make(false);
  const handler: Raw = (req, res, next) => {
    res.removeHeader('X-Powered-By');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    const secure = opts.hsts ?? (req.socket as { encrypted?: boolean }).encrypted === true;
    (secure ? withHsts : noHsts)(req, res, next);
  };
  return handler as RequestHandler & Raw;
}
