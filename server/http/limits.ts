import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { HttpLimits, Window } from '../access.js';

/** The per-address limiters of the HTTP API; one instance per kind, shared by every route it guards. */
export interface Limiters {
  /** Counts only answers that found no table or class for a code (error codes in LOOKUP_MISSES). */
  lookups: RequestHandler;
  /** Counts only refused credentials (KEY_REFUSALS): wrong facilitator keys and instructor passphrases. */
  keys: RequestHandler;
  /** Counts every table or class created. */
  creates: RequestHandler;
  /** Counts every class join. */
  joins: RequestHandler;
}

const WHY: Record<keyof HttpLimits, string> = {
  lookups: 'Too many codes that do not exist were tried from this address',
  keys: 'Too many wrong keys or passphrases were tried from this address',
  creates: 'Too many tables or classes were created from this address',
  joins: 'Too many class joins came from this address',
};

/** Error codes that mean "no such code": what a guesser gets. */
export const LOOKUP_MISSES = ['table/not_found', 'class/not_found'];
/** Error codes that mean "wrong credential". */
export const KEY_REFUSALS = ['auth/forbidden', 'seat/facilitator_only', 'auth/passphrase_wrong'];

/** Sends an API error, and records its code where the limiters look for it. */
export function fail(res: Response, status: number, code: string, message: string): void {
  res.locals.errorCode = code;
  res.status(status).json({ error: { code, message } });
}

/**
 * express-rate-limit counts a request when it arrives and takes it back when it turns out to be a success,
 * so successful lookups still in flight would count: a class of 40 opening its table at once would be
 * refused. Limiters that count only misses therefore raise the limit by the address's requests in flight
 * (this one included), so exactly `w.max` misses a window pass, however many lookups run at once.
 */
function limiter(kind: keyof HttpLimits, w: Window, failures?: string[]): RequestHandler {
  const inFlight = new Map<string, number>();
  const limit = rateLimit({
    windowMs: w.windowMs,
    limit: failures ? (req: Request) => w.max - 1 + (inFlight.get(req.ip ?? '') ?? 1) : w.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: !!failures,
    requestWasSuccessful: failures ? (_req, res) => !failures.includes(String(res.locals.errorCode)) : undefined,
    // The library has set Retry-After from when this address's window ends; the message says the same in minutes.
    handler: (_req, res, _next, o) => {
      const retry = Number(res.getHeader('Retry-After')) || Math.ceil(o.windowMs / 1000);
      res.setHeader('Retry-After', String(retry));
      fail(res, 429, `limit/${kind}`, `${WHY[kind]}; try again in ${minutes(retry)}.`);
    },
  });
  if (!failures) return limit;
  return (req, res, next) => {
    const key = req.ip ?? '';
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    res.once('close', () => {
      const n = (inFlight.get(key) ?? 1) - 1;
      if (n > 0) inFlight.set(key, n);
      else inFlight.delete(key);
    });
    return limit(req, res, next);
  };
}

/** "1 minute", "14 minutes": a wait of `seconds`, rounded up to whole minutes. */
function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export function httpLimiters(limits: HttpLimits): Limiters {
  return {
    lookups: limiter('lookups', limits.lookups, LOOKUP_MISSES),
    keys: limiter('keys', limits.keys, KEY_REFUSALS),
    creates: limiter('creates', limits.creates),
    joins: limiter('joins', limits.joins),
  };
}
