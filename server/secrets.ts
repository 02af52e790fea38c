import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Storage } from './storage/storage.js';

/** Letters and digits that cannot be mistaken for one another on a projector (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

/** A short join code: 31^6 ≈ 887 million possibilities, drawn with a cryptographic generator. */
export function newJoinCode(length = CODE_LENGTH): string {
  let s = '';
  for (let i = 0; i < length; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/**
 * A join code no table and no class uses yet (tables and classes share one code space), or null
 * after `tries` draws that were all taken.
 */
export async function freeJoinCode(
  storage: Pick<Storage, 'findTableByCode' | 'findClassByCode'>,
  tries = 20,
): Promise<string | null> {
  for (let i = 0; i < tries; i++) {
    const code = newJoinCode();
    if (!(await storage.findTableByCode(code)) && !(await storage.findClassByCode(code))) return code;
  }
  return null;
}

/** What a person may type for a code: case, spaces and dashes do not matter. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

/** A secret for the facilitator: 32 random bytes, base64url (43 characters). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** An opaque id (also used as the room id, so it must be unguessable and url-safe). */
export function newId(): string {
  return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** Checks a key against a stored sha256 hash in constant time. */
export function keyMatches(storedHash: string | null, key: string | undefined): boolean {
  if (!storedHash || !key) return false;
  const a = Buffer.from(sha256Hex(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
