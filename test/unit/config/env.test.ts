import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/env.ts';

function problemsOf(env: NodeJS.ProcessEnv, role: Parameters<typeof loadConfig>[1]): string[] {
  try {
    loadConfig(env, role);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the NetEase defaults and needs no IMAP settings for a worker', () => {
    const c = loadConfig({}, 'worker');
    expect(c.imap).toMatchObject({ host: 'imap.163.com', port: 993, tls: true, folder: 'INBOX', moveTo: null, pollIntervalSeconds: 60 });
    expect(c.deadline.toISOString()).toBe('2025-11-05T15:59:59.000Z');
    expect(c.queuePrefix).toBe('intake');
    expect(c.storageDir).toBe('./data/store');
  });

  it('names every bad variable in one error', () => {
    const env = {
      IMAP_PORT: '99999',
      IMAP_TLS: 'perhaps',
      POLL_INTERVAL_SECONDS: 'often',
      DATABASE_URL: 'mysql://localhost/x',
      REDIS_URL: 'not a url',
      INTAKE_DEADLINE: '2025-11-05 23:59',
      WORKER_CONCURRENCY: '0',
      LOG_LEVEL: 'chatty',
      QUEUE_PREFIX: 'a:b',
    };
    const problems = problemsOf(env, 'poller');
    const named = problems.map((p) => p.split(':')[0]);
    expect(new Set(named)).toEqual(
      new Set([
        'IMAP_PORT',
        'IMAP_TLS',
        'POLL_INTERVAL_SECONDS',
        'DATABASE_URL',
        'REDIS_URL',
        'INTAKE_DEADLINE',
        'WORKER_CONCURRENCY',
        'LOG_LEVEL',
        'QUEUE_PREFIX',
        'IMAP_USER',
        'IMAP_PASS',
      ]),
    );
    const message = (() => {
      try {
        loadConfig(env, 'poller');
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    for (const name of named) expect(message).toContain(name);
  });

  it('requires the mailbox login only for roles that poll', () => {
    expect(problemsOf({}, 'start').sort()).toEqual([expect.stringMatching(/^IMAP_PASS: .*授权码/), expect.stringMatching(/^IMAP_USER: /)]);
    expect(() => loadConfig({}, 'import')).not.toThrow();
    expect(loadConfig({ IMAP_USER: 'ssjjsjzlc@163.com', IMAP_PASS: 'x' }, 'poller').imap.user).toBe('ssjjsjzlc@163.com');
  });

  it('never echoes a secret value in the error', () => {
    const secret = 'AUTHCODE-42';
    try {
      loadConfig({ IMAP_PASS: secret, DATABASE_URL: `mysql://u:${secret}@h/db` }, 'poller');
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message).not.toContain(secret);
    }
  });

  it('reads booleans, numbers and the deadline with its offset', () => {
    const c = loadConfig(
      {
        IMAP_TLS: 'false',
        IMAP_PORT: '143',
        INTAKE_DEADLINE: '2025-11-06T00:00:00+08:00',
        WORKER_CONCURRENCY: '8',
        IMAP_MOVE_TO: '已处理',
      },
      'worker',
    );
    expect(c.imap.tls).toBe(false);
    expect(c.imap.port).toBe(143);
    expect(c.imap.moveTo).toBe('已处理');
    expect(c.deadline.toISOString()).toBe('2025-11-05T16:00:00.000Z');
    expect(c.workerConcurrency).toBe(8);
  });

  it('treats empty strings as unset (compose files pass VAR= through)', () => {
    const c = loadConfig({ IMAP_HOST: '', IMAP_PORT: '', IMAP_TLS_CA: '  ' }, 'worker');
    expect(c.imap.host).toBe('imap.163.com');
    expect(c.imap.port).toBe(993);
    expect(c.imap.tlsCa).toBeNull();
  });
});
