// The dashboard's HTTP surface without a browser (Fastify's inject, real PostgreSQL and Redis):
// the login rate limit, session cookies, disabled accounts, admin-only areas, downloads that never
// render inline, /healthz and /metrics.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWebUser, setWebUserDisabled } from '../../src/operations/web-users.ts';
import { buildWebServer } from '../../src/web/server.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot, sampleMailboxDir } from '../helpers/paths.ts';

const run = promisify(execFile);

describe('dashboard HTTP security', () => {
  let t: ImportEnv;
  let web: FastifyInstance;

  /** GET /login for a CSRF token and its cookie, then POST the form. */
  async function login(name: string, password: string, ip = '10.0.0.1') {
    const form = await web.inject({ method: 'GET', url: '/login', remoteAddress: ip });
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookies = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await web.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: ip,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, username: name, password }).toString(),
    });
    const session = res.cookies.find((c) => c.name === 'intake_session');
    return { res, session, cookie: session ? `${cookies}; intake_session=${session.value}` : cookies };
  }

  beforeAll(async () => {
    t = await createImportEnv('websec', { ACK_MODE: 'dry-run', WEB_LOGIN_ATTEMPTS: '5' });
    await run('node', [resolve(projectRoot, 'bin/intake.js'), 'import', '--work', sampleMailboxDir], { env: { ...process.env, ...t.env } });
    await addWebUser(t.app, { name: 'test' }, { name: 'boss', role: 'admin', password: 'boss-password-1' });
    await addWebUser(t.app, { name: 'test' }, { name: 'rev', role: 'reviewer', password: 'rev-password-12' });
    web = await buildWebServer(t.app);
  }, 180_000);

  afterAll(async () => {
    await web?.close();
    await t?.cleanup();
  });

  it('sets an HttpOnly, SameSite session cookie and security headers', async () => {
    const { res, session } = await login('boss', 'boss-password-1');
    expect(res.statusCode).toBe(303);
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(session?.value).toMatch(/^[\w-]{43}$/);
    // Only the token's hash is stored.
    const stored = (await t.sql.query('SELECT encode(token_hash, $1) AS h FROM web_sessions', ['hex'])).rows.map((r) => r.h);
    expect(stored).not.toContain(session!.value);
    const page = await web.inject({ method: 'GET', url: '/', headers: { cookie: `intake_session=${session!.value}` } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a login without the CSRF token', async () => {
    const res = await web.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=boss&password=boss-password-1',
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'intake_session')).toBeUndefined();
  });

  it('rate-limits logins per client address, the right password included', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 5; i++) expect((await login('boss', `wrong-${i}-password`, ip)).res.statusCode).toBe(401);
    const blocked = await login('boss', 'boss-password-1', ip);
    expect(blocked.res.statusCode).toBe(429);
    expect(blocked.session).toBeUndefined();
    // Another address is not affected.
    expect((await login('boss', 'boss-password-1', '10.9.9.10')).res.statusCode).toBe(303);
    expect(
      Number((await t.sql.query("SELECT count(*) AS n FROM audit_log WHERE action = 'auth.login_failed'")).rows[0].n),
    ).toBeGreaterThanOrEqual(5);
  });

  it('ends the sessions of a disabled account at once', async () => {
    const { cookie } = await login('rev', 'rev-password-12', '10.0.0.2');
    expect((await web.inject({ method: 'GET', url: '/applications', headers: { cookie } })).statusCode).toBe(200);
    await setWebUserDisabled(t.app, { name: 'test' }, { name: 'rev', disabled: true });
    const after = await web.inject({ method: 'GET', url: '/applications', headers: { cookie } });
    expect(after.statusCode).toBe(303);
    expect((await login('rev', 'rev-password-12', '10.0.0.3')).res.statusCode).toBe(401);
    await setWebUserDisabled(t.app, { name: 'test' }, { name: 'rev', disabled: false });
  });

  it('keeps users, the audit log and bull-board for administrators', async () => {
    const rev = await login('rev', 'rev-password-12', '10.0.0.4');
    for (const url of ['/users', '/audit', '/admin/queues'])
      expect((await web.inject({ method: 'GET', url, headers: { cookie: rev.cookie } })).statusCode).toBe(403);
    const boss = await login('boss', 'boss-password-1', '10.0.0.5');
    expect((await web.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: boss.cookie } })).statusCode).toBe(200);
    expect((await web.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: boss.cookie } })).statusCode).toBe(200);
    // bull-board's API changes jobs: a cross-site request is refused even with the admin's cookie.
    const cross = await web.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/ingest/clean/failed',
      headers: { cookie: boss.cookie, origin: 'https://evil.example' },
    });
    expect(cross.statusCode).toBe(403);
    expect((await web.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(303);
  });

  it('sends raw emails and attachments as downloads, never inline', async () => {
    const { cookie } = await login('boss', 'boss-password-1', '10.0.0.6');
    const { rows } = await t.sql.query(
      "SELECT id::text AS id, message_id::text AS m FROM attachments WHERE filename ILIKE '%.pdf' LIMIT 1",
    );
    for (const url of [`/attachments/${rows[0].id}/download`, `/messages/${rows[0].m}/raw`]) {
      const res = await web.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
      expect(res.headers['content-security-policy']).toContain('sandbox');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await web.inject({ method: 'GET', url: `/attachments/${rows[0].id}/download` })).statusCode).toBe(303);
  });

  it('answers /healthz and /metrics', async () => {
    const health = await web.inject({ method: 'GET', url: '/healthz' });
    const body = health.json() as { ok: boolean; checks: { name: string; ok: boolean }[] };
    expect(body.checks.map((c) => c.name)).toEqual(['database', 'redis', 'mailbox']);
    expect(body.checks.filter((c) => c.name !== 'mailbox').every((c) => c.ok)).toBe(true);
    const metrics = await web.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^intake_emails_total\{source="import",kind="submission"\} \d+$/m);
    expect(metrics.body).toMatch(/^intake_jobs\{queue="ingest",state="completed"\} \d+$/m);
  });
});
