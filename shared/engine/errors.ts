import type { ErrorCode, GameError } from './types.js';

export function gameError(code: ErrorCode, message: string): GameError {
  return { code, message };
}
