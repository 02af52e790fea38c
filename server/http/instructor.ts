import type { Request, RequestHandler } from 'express';
import { passphraseMatches, type AccessSettings } from '../access.js';
import { fail } from './limits.js';

/** What the start page and the console need to know before offering to create anything (GET /api/server). */
export interface ServerInfo {
  /** Creating tables and classes needs the instructor passphrase. */
  passphraseRequired: boolean;
  /** Solo practice (bots at every other delegation) works without it. */
  soloWithoutPassphrase: boolean;
  /** At most this many clients share one delegation. */
  maxTeamSize: number;
}

export function serverInfo(a: AccessSettings): ServerInfo {
  return {
    passphraseRequired: a.passphrase !== null,
    soloWithoutPassphrase: a.soloWithoutPassphrase,
    maxTeamSize: a.maxTeamSize,
  };
}

/**
 * Takes `passphrase` out of a JSON body (the create schemas are strict and never see it) and, when the
 * server has an instructor passphrase, lets the request through only with the right one, or when
 * `isSolo(body)` and solo practice is allowed without it. 401 auth/passphrase_required, 403 auth/passphrase_wrong.
 */
export function instructorOnly(a: AccessSettings, isSolo: (body: unknown) => boolean = () => false): RequestHandler {
  return (req: Request, res, next) => {
    const body =
      req.body && typeof req.body === 'object' && !Array.isArray(req.body)
        ? (req.body as Record<string, unknown>)
        : null;
    const presented = typeof body?.passphrase === 'string' ? body.passphrase : undefined;
    if (body && 'passphrase' in body) delete body.passphrase;
    if (!a.passphrase) return next();
    if (a.soloWithoutPassphrase && isSolo(body)) return next();
    if (presented === undefined)
      return fail(
        res,
        401,
        'auth/passphrase_required',
        'This server asks instructors for a passphrase to create tables and classes.',
      );
    if (!passphraseMatches(a.passphrase, presented))
      return fail(res, 403, 'auth/passphrase_wrong', 'That instructor passphrase is wrong.');
    next();
  };
}
