// Analyst login names and passwords: what `intake analyst add` accepts before touching the server.
import { describe, expect, it } from 'vitest';
import { generatePassword, loginNameProblem, passwordProblem } from '../../../src/analysts/analyst-login.ts';
import { scramVerifier } from '../../../src/analysts/scram-verifier.ts';

describe('analyst login names', () => {
  it('accepts lower-case identifiers', () => {
    for (const name of ['zhangsan', 'li_si', 'analyst2']) expect(loginNameProblem(name), name).toBeNull();
  });

  it('rejects what would need quoting, could inject, or is reserved', () => {
    for (const name of ['ZhangSan', '2nd', 'a', 'zhang san', 'x"; DROP ROLE postgres; --', '张三', 'a'.repeat(64)]) {
      expect(loginNameProblem(name), name).toMatch(/not a valid login name/);
    }
    for (const name of ['postgres', 'intake_analyst', 'pg_monitor']) expect(loginNameProblem(name), name).toMatch(/reserved/);
  });
});

describe('analyst passwords', () => {
  it('needs 12 printable ASCII characters', () => {
    expect(passwordProblem('short')).toMatch(/12/);
    expect(passwordProblem('with a space in it')).toMatch(/ASCII/);
    expect(passwordProblem('密码密码密码密码密码密码')).toMatch(/ASCII/);
    expect(passwordProblem('Correct-Horse-42')).toBeNull();
  });

  it('generates a different acceptable password each time', () => {
    const a = generatePassword();
    expect(passwordProblem(a)).toBeNull();
    expect(a).toHaveLength(24);
    expect(generatePassword()).not.toBe(a);
  });
});

describe('SCRAM-SHA-256 verifier', () => {
  it('has PostgreSQL’s format and depends only on password, salt and iterations', () => {
    const salt = Buffer.alloc(16, 7);
    const v = scramVerifier('Correct-Horse-42', salt);
    expect(v).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    expect(scramVerifier('Correct-Horse-42', salt)).toBe(v);
    expect(scramVerifier('Correct-Horse-43', salt)).not.toBe(v);
    expect(scramVerifier('Correct-Horse-42')).not.toBe(v);
  });
});
