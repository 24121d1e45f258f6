// Login session tokens: 32 random bytes in the cookie, their SHA-256 in the database.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'intake_session';

export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const hashSessionToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** A cookie value that cannot be one of ours is rejected before any database lookup. */
export const looksLikeToken = (value: string | undefined): value is string => !!value && /^[A-Za-z0-9_-]{43}$/.test(value);
