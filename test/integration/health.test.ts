// `intake health`, the containers' healthcheck, must be able to fail: it answers 0 only when the
// database is reachable and migrated and Redis answers PING, and names what is wrong otherwise.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { projectRoot } from '../helpers/paths.ts';
import { createTestDatabase, uniqueId, type TestDatabase } from '../helpers/services.ts';

const run = promisify(execFile);

describe('intake health', () => {
  let t: ImportEnv;
  let bare: TestDatabase;
  const health = (env: Record<string, string>) =>
    run('node', [resolve(projectRoot, 'bin/intake.js'), 'health', '--timeout', '3'], {
      env: { ...process.env, ...env },
      cwd: projectRoot,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );

  beforeAll(async () => {
    t = await createImportEnv('health');
    bare = await createTestDatabase(uniqueId('bare'));
  });

  afterAll(async () => {
    await bare?.drop();
    await t?.cleanup();
  });

  it('passes when PostgreSQL (migrated) and Redis answer', async () => {
    const r = await health(t.env);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/^database: ok/m);
    expect(r.stdout).toMatch(/^redis: ok/m);
  }, 60_000);

  it('fails, naming the check, when Redis is down or the database is not migrated', async () => {
    const noRedis = await health({ ...t.env, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(noRedis.code).toBe(1);
    expect(noRedis.stdout).toMatch(/^redis: FAILED \(.*ECONNREFUSED/m);
    expect(noRedis.stdout).toMatch(/^database: ok/m);

    const unmigrated = await health({ ...t.env, DATABASE_URL: bare.url });
    expect(unmigrated.code).toBe(1);
    expect(unmigrated.stdout).toMatch(/^database: FAILED \(.*not migrated/m);
  }, 60_000);
});
