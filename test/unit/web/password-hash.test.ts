import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, webPasswordProblem } from '../../../src/web/auth/password-hash.ts';

describe('operator passwords (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('正确的密码horse-battery');
    const b = await hashPassword('正确的密码horse-battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('正确的密码horse-battery', a)).toBe(true);
    expect(await verifyPassword('正确的密码horse-batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treats a malformed or absurd stored hash as a mismatch, never a crash', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$1$1$x$y',
      'scrypt$4194304$8$1$AAAA$AAAA',
      'bcrypt$2b$10$abc',
      'scrypt$16384$8$1$c2FsdA$c2hvcnQ',
    ])
      expect(await verifyPassword('x', stored)).toBe(false);
  });

  it('asks for 10 characters, not only digits', () => {
    expect(webPasswordProblem('short')).toMatch(/10/);
    expect(webPasswordProblem('1234567890123')).toMatch(/数字/);
    expect(webPasswordProblem('武汉市数据局审核员二号')).toBeNull();
  });
});
