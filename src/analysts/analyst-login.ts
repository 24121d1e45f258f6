// What makes a login name and a password acceptable for an analyst account. Pure.
import { randomBytes } from 'node:crypto';

/**
 * Lower-case letters, digits and underscores, starting with a letter: the name then means the
 * same quoted or not (psql -U, DBeaver), and needs no escaping anywhere. pg_ is reserved by
 * PostgreSQL; the service's own roles are not for people.
 */
const NAME = /^[a-z][a-z0-9_]{1,62}$/;
const RESERVED = new Set(['postgres', 'public', 'intake_analyst']);

export function loginNameProblem(name: string): string | null {
  if (!NAME.test(name)) return `"${name}" is not a valid login name (2–63 of a–z, 0–9, _; starting with a letter)`;
  if (name.startsWith('pg_') || RESERVED.has(name)) return `"${name}" is reserved`;
  return null;
}

/**
 * Printable ASCII only: the server's own hashing normalises a non-ASCII password (SASLprep) and
 * our verifier would not, so such a password could fail to log in; 12 characters at least.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'the password needs at least 12 characters';
  if (!/^[\x21-\x7e]+$/.test(password)) return 'the password may hold printable ASCII characters only (no spaces)';
  return null;
}

/** 24 characters from 18 random bytes (144 bits), URL-safe so it pastes anywhere. */
export const generatePassword = (): string => randomBytes(18).toString('base64url');
