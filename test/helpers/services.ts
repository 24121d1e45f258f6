// Real servers for integration tests: the project's private Dovecot (scripts/dovecot-up.sh, a
// no-op when already up), the machine's PostgreSQL and Redis. Every test file gets its own
// database, queue prefix and IMAP folder, so files run in parallel without colliding.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { projectRoot } from './paths.ts';

export type DovecotEnv = { IMAP_HOST: string; IMAP_PORT: string; IMAP_USER: string; IMAP_PASS: string; DOVECOT_DIR: string };

/** Starts (or finds) the test Dovecot and returns its settings, parsed from the script's exports. */
export function ensureDovecot(): DovecotEnv {
  const out = execFileSync('bash', [resolve(projectRoot, 'scripts/dovecot-up.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  return env as DovecotEnv;
}

export const baseDatabaseUrl = () => process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = () => process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** A short unique id for names (database, queue prefix, folder): letters and digits only. */
export function uniqueId(label: string): string {
  return `${label}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export type TestDatabase = { name: string; url: string; drop(): Promise<void> };

export async function createTestDatabase(id: string): Promise<TestDatabase> {
  const name = `intake_${id}`.toLowerCase();
  const adminUrl = withDatabase(baseDatabaseUrl(), 'postgres');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(baseDatabaseUrl(), name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Deletes every Redis key of a queue prefix (BullMQ keys and the poller lock). */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function tempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Polls `check` until it returns a value other than undefined, or throws after timeoutMs. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
