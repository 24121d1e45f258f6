import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env.ts';
import { createLogger, maskUrlCredentials } from '../../../src/log/logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'trace', destination }) };
}

describe('logger redaction', () => {
  const secret = 'AuthCode9Secret';
  const dbPassword = 'DbPassw0rd';

  it('never writes the IMAP authorization code or a database password', () => {
    const { lines, logger } = capture();
    const config = loadConfig(
      { IMAP_USER: 'ssjjsjzlc@163.com', IMAP_PASS: secret, DATABASE_URL: `postgres://intake:${dbPassword}@db:5432/intake` },
      'start',
    );
    logger.info({ config }, 'configuration loaded');
    logger.child({ component: 'poller' }).debug({ auth: { user: config.imap.user, pass: config.imap.pass } }, 'connecting');
    logger.warn({ env: { IMAP_PASS: secret }, headers: { authorization: `Basic ${secret}` } }, 'odd');
    logger.info({ imap: { password: secret }, password: secret, secret }, 'more');
    logger.error({ err: new Error(`connect to postgres://intake:${dbPassword}@db:5432/intake refused`) }, 'db down');
    const out = lines.join('');
    expect(lines).toHaveLength(5);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(dbPassword);
    // Still useful: which user and which database.
    expect(out).toContain('ssjjsjzlc@163.com');
    expect(out).toContain('postgres://intake:***@db:5432/intake');
  });

  it('masks only the password of a URL', () => {
    expect(maskUrlCredentials('redis://:pw@r:6379/0')).toBe('redis://:***@r:6379/0');
    expect(maskUrlCredentials('postgres://postgres@127.0.0.1/intake')).toBe('postgres://postgres@127.0.0.1/intake');
  });
});
