// Operator passwords: scrypt (memory-hard, in Node's crypto, no native addon), stored
// self-describing as scrypt$N$r$p$salt$hash so the cost can rise later without breaking old
// hashes. Hashing runs on libuv's thread pool, never on the event loop.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // maxmem must cover 128 * N * r bytes (32 MiB at these settings) with room to spare.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...opts, maxmem: 256 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for a malformed stored hash (never throws on bad input). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!n || !r || !p || n > 1 << 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  try {
    return timingSafeEqual(await derive(password, salt, { N: n, r, p }), expected);
  } catch {
    return false;
  }
}

/** A hash of a random password: compared against when the user does not exist, so the answer takes as long. */
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

/** Operator passwords: 10 characters at least, not only digits; any script (Chinese passphrases are fine). */
export function webPasswordProblem(password: string): string | null {
  if ([...password].length < 10) return '密码至少需要 10 个字符';
  if ([...password].length > 200) return '密码不能超过 200 个字符';
  if (/^\d+$/.test(password)) return '密码不能只由数字组成';
  return null;
}

export const WEB_USER_NAME = /^[A-Za-z0-9_.-]{2,32}$/;
