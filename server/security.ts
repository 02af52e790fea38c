import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface SecurityHeaderOptions {
  /** Send Strict-Transport-Security (only meaningful behind HTTPS). Default: when the request is secure. */
  hsts?: boolean;
}

/** A Host header we are willing to echo into the policy (name or IPv4/IPv6 literal, optional port). */
const SAFE_HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * The Content-Security-Policy for our pages. Scripts only from our own origin (Phaser 4 needs
 * no eval: its shaders are strings compiled by WebGL, not by JavaScript). Images, audio and
 * workers may be blob:/data: because Phaser's loader and texture generator make them.
 * Inline styles are allowed because Phaser and Chart.js size their canvases with style attributes.
 * WebSockets go to the same host only (ws: and wss: are named explicitly for browsers that do not
 * treat 'self' as covering them).
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Express middleware setting the security headers on every response. */
export function securityHeaders(opts: SecurityHeaderOptions = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.removeHeader('X-Powered-By');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (opts.hsts ?? req.secure) res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    next();
  };
}
