import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { log } from '../log.js';
import { fail } from './limits.js';

/** An Express handler that may return a promise (Express 4 ignores it, so a rejection would hang the request). */
export type AsyncHandler = (req: Request, res: Response, next: NextFunction) => Promise<unknown>;

/**
 * Wraps an async route handler so a rejection reaches `next(err)` (and so the router's error
 * handler) instead of being lost and leaving the request unanswered. Returns a plain
 * void-returning RequestHandler, which is what Express's types expect.
 */
export function asyncRoute(fn: AsyncHandler): RequestHandler {
  return (req, res, next) => {
    fn(req, res, next).catch(next);
  };
}

/**
 * The last-resort error handler: logs the error and answers
 * 500 `{ error: { code: 'server/error', message } }` (nothing from the error itself leaks out).
 * When the response has already started, hands over to Express's default handler, which closes it.
 */
export function serverError(context: string) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    log.error({ err }, context);
    if (res.headersSent) return next(err);
    fail(res, 500, 'server/error', 'Something went wrong on the server.');
  };
}
