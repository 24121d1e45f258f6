// `intake extract` prints a line for every email, and exits non-zero when any of them could not
// be extracted: a script or CI job running it must notice the error line, not read "success".
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../helpers/paths.ts';

const GOOD = [
  'Received: from mx.example.com by mx1; Mon, 03 Nov 2025 02:00:00 +0000',
  'From: a@example.com',
  'To: b@example.com',
  'Subject: question',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'hello',
  '',
].join('\r\n');

function extract(...files: string[]) {
  const run = spawnSync(process.execPath, ['bin/intake.js', 'extract', ...files], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
  const lines = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { file: string; error?: string });
  return { status: run.status, lines };
}

describe('intake extract exit status', () => {
  let dir: string;
  let good: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'extract-exit-'));
    good = path.join(dir, 'good.eml');
    writeFileSync(good, GOOD);
    mkdirSync(path.join(dir, 'unreadable.eml')); // a directory: readFile fails with EISDIR
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when every email was extracted', () => {
    const { status, lines } = extract(good);
    expect(lines.map((l) => [l.file, l.error])).toEqual([['good.eml', undefined]]);
    expect(status).toBe(0);
  }, 120_000);

  it('exits 1 when an email could not be extracted, still printing a line for every email', () => {
    const { status, lines } = extract(path.join(dir, 'missing.eml'), good, path.join(dir, 'unreadable.eml'));
    expect(lines.map((l) => l.file)).toEqual(['missing.eml', 'good.eml', 'unreadable.eml']);
    expect(lines[0].error).toMatch(/ENOENT/);
    expect(lines[1].error).toBeUndefined();
    expect(lines[2].error).toMatch(/EISDIR/);
    expect(status).toBe(1);
  }, 120_000);
});
