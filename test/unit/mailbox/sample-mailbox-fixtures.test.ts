// The committed sample mailbox must be exactly what scripts/build-sample-mailbox.ts writes:
// a stale fixture (builder changed, output not re-committed) fails here.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, sampleMailboxDir } from '../../helpers/paths.ts';
import { tempDir } from '../../helpers/services.ts';

describe('sample mailbox fixtures', () => {
  const out = tempDir('sample-mailbox');
  afterAll(() => out.remove());

  it('are reproduced byte for byte by the builder', () => {
    execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/build-sample-mailbox.ts'), out.path], {
      cwd: projectRoot,
      stdio: 'pipe',
    });
    const committed = readdirSync(sampleMailboxDir).sort();
    expect(readdirSync(out.path).sort()).toEqual(committed);
    for (const f of committed) expect(readFileSync(join(out.path, f)).equals(readFileSync(join(sampleMailboxDir, f))), f).toBe(true);
  }, 60_000);

  it('cover a submission, a late one, a question, an auto-reply and GBK names', () => {
    const index = JSON.parse(readFileSync(join(sampleMailboxDir, 'index.json'), 'utf8')) as { emails: { expected: string }[] };
    const expected = index.emails.map((e) => JSON.parse(readFileSync(join(sampleMailboxDir, e.expected), 'utf8')));
    expect(expected.some((e) => e.is_submission && !e.late)).toBe(true);
    expect(expected.some((e) => e.is_submission && e.late)).toBe(true);
    expect(expected.filter((e) => !e.is_submission).length).toBeGreaterThanOrEqual(2);
    const emls = readdirSync(sampleMailboxDir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => readFileSync(join(sampleMailboxDir, f), 'latin1'));
    expect(emls.some((raw) => /filename="=\?GBK\?B\?/.test(raw) && /filename\*=GBK''/.test(raw))).toBe(true);
  });
});
