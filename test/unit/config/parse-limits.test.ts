// INTAKE_PARSE_*, INTAKE_ARCHIVE_MAX_MB and LOG_LEVEL go through the validated config like every
// other variable: a bad value stops the process with the named-error message, never silently
// falls back (`abc`) or makes every file unreadable (`-1`).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadParseLimits } from '../../../src/config/env.ts';
import { projectRoot, sampleMailboxDir } from '../../helpers/paths.ts';

const run = promisify(execFile);

describe('parser limits in the validated config', () => {
  it('has defaults, and reads valid values', () => {
    const d = loadConfig({}, 'worker').parse;
    expect(d).toMatchObject({ timeoutMs: 60_000, memoryMb: 512, archiveMaxBytes: 200 * 1024 * 1024 });
    expect(d.concurrency).toBeGreaterThanOrEqual(1);
    const c = loadParseLimits({
      INTAKE_PARSE_TIMEOUT_MS: '1500',
      INTAKE_PARSE_MEMORY_MB: '256',
      INTAKE_PARSE_CONCURRENCY: '1',
      INTAKE_ARCHIVE_MAX_MB: '10',
    });
    expect(c).toEqual({ timeoutMs: 1500, memoryMb: 256, concurrency: 1, archiveMaxBytes: 10 * 1024 * 1024 });
  });

  it.each([
    ['INTAKE_PARSE_TIMEOUT_MS', '-1'],
    ['INTAKE_PARSE_TIMEOUT_MS', 'abc'],
    ['INTAKE_PARSE_MEMORY_MB', '0'],
    ['INTAKE_PARSE_CONCURRENCY', '1.5'],
    ['INTAKE_ARCHIVE_MAX_MB', '-5'],
  ])('%s=%s is refused by name', (name, value) => {
    expect(() => loadParseLimits({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value }, 'tool')).toThrow(new RegExp(`${name}: `));
  });

  it('stops `intake extract` with exit 78 and one message naming every bad variable', async () => {
    const env = { ...process.env, INTAKE_PARSE_TIMEOUT_MS: '-1', INTAKE_ARCHIVE_MAX_MB: 'abc', LOG_LEVEL: 'loud' };
    const err = await run('node', [resolve(projectRoot, 'bin/intake.js'), 'extract', resolve(sampleMailboxDir, 's03-question.eml')], {
      env,
      cwd: projectRoot,
    }).then(
      () => null,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(err?.code).toBe(78);
    expect(err?.stdout).toBe('');
    for (const name of ['INTAKE_PARSE_TIMEOUT_MS', 'INTAKE_ARCHIVE_MAX_MB', 'LOG_LEVEL']) expect(err?.stderr).toContain(`${name}: `);
    expect(err?.stderr).not.toMatch(/\bat \w+ \(/); // a message, not a stack trace
  }, 60_000);
});

describe('acknowledgement settings', () => {
  it('needs a real From address before it sends', () => {
    expect(() => loadConfig({ ACK_MODE: 'send', IMAP_USER: 'demo' }, 'worker')).toThrow(/ACK_FROM: required when ACK_MODE=send/);
    expect(loadConfig({ ACK_MODE: 'send', IMAP_USER: 'ssjjsjzlc@163.com' }, 'worker').ack.fromAddress).toBe('ssjjsjzlc@163.com');
    expect(loadConfig({ ACK_MODE: 'dry-run', IMAP_USER: 'demo' }, 'worker').ack.mode).toBe('dry-run');
  });

  it('says a negative number is out of range', () => {
    expect(() => loadParseLimits({ INTAKE_PARSE_TIMEOUT_MS: '-1' })).toThrow(/at least 100/);
  });
});
