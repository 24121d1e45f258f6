// The operators' dashboard in a real browser (Debian's Chromium, playwright-core) over the real
// PostgreSQL and Redis: log in, see the corpus applications, filter the late ones, open one and
// review it, download the export and read it with exceljs, retry a failed job; a <script> subject
// renders as text; actions without a CSRF token or a session are refused; a reviewer cannot
// manage users; the analyst login cannot write. Screenshots go to INTAKE_SCREENSHOT_DIR
// (scripts/update-screenshots.sh points it at docs/screenshots).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { addAnalyst } from '../../src/operations/add-analyst.ts';
import { reprocessMessages } from '../../src/operations/reprocess.ts';
import { addWebUser } from '../../src/operations/web-users.ts';
import { buildWebServer } from '../../src/web/server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { corpusDir, hasCorpus, projectRoot, sampleMailboxDir } from '../helpers/paths.ts';
import { waitFor } from '../helpers/services.ts';

const run = promisify(execFile);
const ADMIN = { name: 'wang', password: 'admin-password-1' };
const REVIEWER = { name: 'li', password: 'reviewer-password-1' };
const screenshotDir = process.env.INTAKE_SCREENSHOT_DIR || mkdtempSync(join(tmpdir(), 'intake-shots-'));

const SCRIPT_SUBJECT = '<script>alert("x")</script>问个问题';
const scriptEmail = [
  'From: "<b>Mallory</b>" <mallory@example.com>',
  'To: ssjjsjzlc@163.com',
  `Subject: =?UTF-8?B?${Buffer.from(SCRIPT_SUBJECT).toString('base64')}?=`,
  'Date: Mon, 03 Nov 2025 10:00:00 +0800',
  'Message-ID: <xss-test@example.com>',
  'Received: from mx.example.com by mx.163.com; Mon, 03 Nov 2025 10:00:05 +0800',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  '请问申报截止时间是哪天？<img src=x onerror=alert(1)>',
  '',
].join('\r\n');

describe('the dashboard in a browser', () => {
  let t: ImportEnv;
  let web: FastifyInstance;
  let base: string;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let worker: RunningWorker;
  const dialogs: string[] = [];

  const intake = (...args: string[]) =>
    run('node', [resolve(projectRoot, 'bin/intake.js'), ...args], { env: { ...process.env, ...t.env }, cwd: projectRoot });

  async function login(context: BrowserContext, user: { name: string; password: string }): Promise<Page> {
    const p = await context.newPage();
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await p.goto(`${base}/`);
    expect(p.url()).toContain('/login');
    await p.fill('input[name=username]', user.name);
    await p.fill('input[name=password]', user.password);
    await Promise.all([p.waitForURL(`${base}/`), p.click('button[type=submit]')]);
    return p;
  }

  beforeAll(async () => {
    t = await createImportEnv('web', { ACK_MODE: 'dry-run' });
    const extra = mkdtempSync(join(tmpdir(), 'intake-xss-'));
    writeFileSync(join(extra, 'xss.eml'), scriptEmail);
    await intake('import', '--work', hasCorpus ? corpusDir : sampleMailboxDir);
    await intake('import', '--work', extra);
    await addWebUser(t.app, { name: 'test' }, { name: ADMIN.name, role: 'admin', password: ADMIN.password });
    await addWebUser(t.app, { name: 'test' }, { name: REVIEWER.name, role: 'reviewer', password: REVIEWER.password });
    worker = startIngestWorker(t.app, { concurrency: 1 });
    web = await buildWebServer(t.app);
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    admin = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'zh-CN' });
    page = await login(admin, ADMIN);
    mkdirSync(screenshotDir, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await web?.close().catch(() => undefined);
    await worker?.close().catch(() => undefined);
    await t?.cleanup();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await t.sql.query(sql, params)).rows[0].n);

  it('logs in and shows the overview with the database’s counts, live', async () => {
    const applications = await count('SELECT count(*) AS n FROM applications WHERE active');
    const emails = await count('SELECT count(*) AS n FROM messages');
    expect(applications).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-k="total.applications"]').innerText()).toBe(String(applications));
    expect(await page.locator('[data-k="total.emails"]').innerText()).toBe(String(emails));
    // The chart is drawn (ECharts renders into a canvas) and the numbers refresh from the API.
    await page.locator('#chart-daily canvas').first().waitFor();
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/overview') && r.status() === 200, { timeout: 15_000 });
    await refreshed;
    await page.screenshot({ path: join(screenshotDir, 'overview.png') });
  });

  it('lists the applications, filters the late ones and opens one', async () => {
    const late = await count('SELECT count(*) AS n FROM applications WHERE active AND late');
    await page.goto(`${base}/applications`);
    const total = await count('SELECT count(*) AS n FROM applications WHERE active');
    await expect.poll(() => page.locator('#applications tbody tr').count()).toBe(Math.min(total, 20));
    await page.screenshot({ path: join(screenshotDir, 'applications.png') });
    await page.selectOption('select[name=late]', 'yes');
    await Promise.all([page.waitForURL(/late=yes/), page.click('form.filters button[type=submit]')]);
    const rows = page.locator('#applications tbody tr');
    if (late === 0) {
      await expect.poll(() => rows.innerText()).toContain('没有符合条件');
      return;
    }
    expect(await rows.count()).toBe(Math.min(late, 20));
    for (const text of await rows.allInnerTexts()) expect(text).toContain('逾期');
    await Promise.all([page.waitForURL(/\/applications\/\d+$/), rows.first().locator('a').first().click()]);
    expect(await page.locator('#flags').innerText()).toContain('LATE');
    expect(await page.locator('#members tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'application.png') });
  });

  it('records a review with who, when and the comment', async () => {
    const id = (await t.sql.query('SELECT id FROM applications WHERE active ORDER BY id LIMIT 1')).rows[0].id as string;
    await page.goto(`${base}/applications/${id}`);
    await page.selectOption('select[name=state]', '退回补充');
    await page.fill('textarea[name=comment]', '请补充盖章扫描件');
    await Promise.all([page.waitForURL(`${base}/applications/${id}`), page.click('form.review button')]);
    expect(await page.locator('.notice').innerText()).toContain('退回补充');
    expect(await page.locator('#review-state').innerText()).toBe('退回补充');
    const row = (await t.sql.query('SELECT review_state, reviewed_by, review_comment FROM applications WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ review_state: '退回补充', reviewed_by: ADMIN.name, review_comment: '请补充盖章扫描件' });
    const audit = (
      await t.sql.query("SELECT actor, client_ip FROM audit_log WHERE action = 'application.review' AND target = $1", [`application:${id}`])
    ).rows;
    expect(audit).toEqual([{ actor: ADMIN.name, client_ip: '127.0.0.1' }]);
  });

  it('downloads the 汇总表 of the late applications and of all, read back with exceljs', async () => {
    const readExport = async (path: string) => {
      await page.goto(`${base}${path}`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(3).getCell(1).value).toBe('序号');
      expect(sheet.getRow(3).getCell(11).value).toBe('申报单位联系人及联系方式');
      const rows: string[] = [];
      sheet.eachRow((r, n) => {
        if (n > 3 && typeof r.getCell(1).value === 'number') rows.push(String(r.getCell(10).value ?? ''));
      });
      return rows;
    };
    // One row per case of the 附件1 each application chose, or one row for an application without.
    const expectedRows = async (where: string) =>
      count(
        `SELECT coalesce(sum(greatest(1, (SELECT count(*) FROM cases c WHERE c.submission_id = (a.materials -> 'form1' ->> 'submission_id')::bigint))), 0) AS n
         FROM applications a WHERE a.active ${where}`,
      );
    const all = await readExport('/export');
    expect(all).toHaveLength(await expectedRows(''));
    const late = await readExport('/export?late=yes');
    expect(late).toHaveLength(await expectedRows('AND a.late'));
    const lateUnits = (await t.sql.query('SELECT unit_name FROM applications WHERE active AND late')).rows.map((r) => r.unit_name);
    for (const unit of late) expect(lateUnits).toContain(unit);
  });

  it('retries a failed job from the 队列 page', async () => {
    // A message whose raw file went missing fails for good; once the file is back, 重试 fixes it.
    const { id, raw_sha256: sha } = (await t.sql.query('SELECT id::text, raw_sha256 FROM messages WHERE is_submission ORDER BY id LIMIT 1'))
      .rows[0];
    const path = t.app.store.pathOf(sha);
    renameSync(path, `${path}.away`);
    await reprocessMessages(t.app, { ids: [id] }, { requestedBy: 'test' });
    const lastRun = async (want: string) =>
      (await t.sql.query("SELECT last_run FROM messages WHERE id = $1 AND status = 'done'", [id])).rows[0]?.last_run === want || undefined;
    await waitFor(() => lastRun('failed'), 60_000, 'the run to fail');
    renameSync(`${path}.away`, path);
    await page.goto(`${base}/queue`);
    const row = page.locator('#failed-jobs tbody tr', { hasText: `邮件 ${id}` });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/not found|missing|不存在|blob/i);
    await Promise.all([page.waitForURL(`${base}/queue`), row.locator('button', { hasText: '重试' }).click()]);
    expect(await page.locator('.notice').innerText()).toContain('已重新排队');
    await waitFor(() => lastRun('ok'), 60_000, 'the retried run to succeed');
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'job.retry' AND actor = $1", [ADMIN.name])).toBe(1);
  });

  it('shows a <script> subject as text, never runs it', async () => {
    await page.goto(`${base}/messages?q=${encodeURIComponent('script')}`);
    const link = page.locator('#messages tbody a', { hasText: '<script>' });
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.innerText()).toBe(SCRIPT_SUBJECT);
    await link.click();
    await page.waitForURL(/\/messages\/\d+$/);
    expect(await page.locator('h1').innerText()).toBe(SCRIPT_SUBJECT);
    expect(await page.locator('#judgement').innerText()).toBe('咨询');
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.locator('main b, main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('refuses an action without a session or without a CSRF token', async () => {
    const id = (await t.sql.query('SELECT id FROM applications WHERE active ORDER BY id LIMIT 1')).rows[0].id as string;
    const form = { state: '已通过', comment: 'forged' };
    const post = (headers: Record<string, string>, body: Record<string, string>) =>
      fetch(`${base}/applications/${id}/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(body),
        redirect: 'manual',
      });
    expect((await post({}, form)).status).toBe(401);
    const cookies = (await admin.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await post({ cookie: cookies }, form)).status).toBe(403);
    expect((await post({ cookie: cookies }, { ...form, _csrf: 'forged-token' })).status).toBe(403);
    expect((await t.sql.query('SELECT review_state FROM applications WHERE id = $1', [id])).rows[0].review_state).not.toBe('已通过');
  });

  it('lets an administrator add a user, and refuses a reviewer', async () => {
    await page.goto(`${base}/users`);
    await page.fill('#add-user input[name=name]', 'zhao');
    await Promise.all([page.waitForURL(`${base}/users`), page.click('#add-user button')]);
    expect(await page.locator('.notice').innerText()).toMatch(/已添加用户 zhao，初始密码（只显示这一次）：\S{12,}/);
    expect(await count("SELECT count(*) AS n FROM web_users WHERE name = 'zhao' AND role = 'reviewer'")).toBe(1);

    const reviewerContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const reviewer = await login(reviewerContext, REVIEWER);
    expect(await reviewer.locator('header nav').innerText()).not.toContain('用户');
    const users = await reviewer.goto(`${base}/users`);
    expect(users?.status()).toBe(403);
    expect((await reviewer.goto(`${base}/admin/queues`))?.status()).toBe(403);
    // Even with a valid CSRF token (taken from a page it may see), the POST is refused.
    await reviewer.goto(`${base}/applications`);
    const token = await reviewer.locator('header input[name=_csrf]').getAttribute('value');
    const status = await reviewer.evaluate(
      async ([url, csrf]) =>
        (await fetch(url!, { method: 'POST', body: new URLSearchParams({ _csrf: csrf!, name: 'mallory', role: 'admin' }) })).status,
      [`${base}/users`, token],
    );
    expect(status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM web_users WHERE name = 'mallory'")).toBe(0);
    await reviewerContext.close();
  });

  it('gives analysts a login that reads the views and cannot write', async () => {
    const name = `ana_${t.id.replace(/[^a-z0-9]/g, '').slice(-12)}`;
    const { password } = await addAnalyst(t.app, { name });
    const url = new URL(t.env.DATABASE_URL!);
    const analyst = new pg.Client({ host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: name, password });
    await analyst.connect();
    try {
      const rows = (await analyst.query('SELECT "单位名称" FROM analyst.current_applications')).rows;
      expect(rows.length).toBe(await count('SELECT count(*) AS n FROM applications WHERE active'));
      await expect(analyst.query("UPDATE applications SET review_state = '已通过'")).rejects.toThrow(/permission denied/);
      await expect(analyst.query("INSERT INTO web_users (name, role, password_hash) VALUES ('x', 'admin', 'x')")).rejects.toThrow(
        /permission denied/,
      );
      await expect(analyst.query('SELECT * FROM web_sessions')).rejects.toThrow(/permission denied/);
    } finally {
      await analyst.end();
    }
  });

  it('logs out: the old session cookie opens nothing', async () => {
    const before = await admin.cookies();
    await Promise.all([page.waitForURL(/\/login/), page.click('header form.who button')]);
    const cookie = before.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${base}/applications`, { headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
    expect(readFileSync(join(screenshotDir, 'overview.png')).length).toBeGreaterThan(10_000);
  });
});
