// Issue 11 (bounded resources): every parse runs under a memory limit that really holds, for the
// whole process and not only V8's heap (docs/limits.md). Each case is generated here in well
// under a second (test/helpers/large-files.ts); its parse process's resident peak is watched
// through /proc (VmHWM, sampled, and the process's own report) and must stay within the limit
// plus the code Node itself maps (never data). The answers say "too large", never "damaged".
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ParsePool, type TimedDocumentResult } from '../../../src/attachments/parse-pool.ts';
import { prlimitPath } from '../../../src/formats/memory-limit.ts';
import { PDF_MAX_PAGES } from '../../../src/formats/pdf.ts';
import { TEXT_HEAD_BYTES } from '../../../src/formats/text-head.ts';
import * as G from '../../helpers/large-files.ts';

/** INTAKE_PARSE_MEMORY_MB's default. */
const LIMIT_MB = 512;
/** Resident pages that are no data: node's own code and libraries mapped from files. */
const CODE_MB = 96;

const pools: ParsePool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

function vmHwmMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0; // gone between listing and reading
  }
}

/** Parses `content` in a fresh pool (so the peak is this file's) and watches the process's peak. */
async function parseWatched(filename: string, content: Buffer, workerUrl?: string): Promise<TimedDocumentResult & { peak: number }> {
  const pool = new ParsePool({ size: 1, timeoutMs: 120_000, memoryMb: LIMIT_MB }, workerUrl);
  pools.push(pool);
  let peak = 0;
  const watch = setInterval(() => pool.pids().forEach((pid) => (peak = Math.max(peak, vmHwmMb(pid)))), 5);
  try {
    const r = await pool.parse({ filename, contentType: '', content });
    peak = Math.max(peak, r.peakRssMb ?? 0);
    return { ...r, peak };
  } finally {
    clearInterval(watch);
  }
}

describe.skipIf(!prlimitPath())('a parse process stays within its memory limit', () => {
  it('holds the limit against memory V8 does not count (Buffers): the kernel stops the process', async () => {
    const r = await parseWatched(
      'hoard',
      Buffer.from('x'),
      new URL('../attachments/workers/buffer-hoard-parse-worker.ts', import.meta.url).href,
    );
    expect(r.reason).toBe('too_large');
    expect(r.error).toMatch(/out of memory/);
    expect(r.peak).toBeGreaterThan(LIMIT_MB / 2); // it did hoard
    expect(r.peak).toBeLessThan(LIMIT_MB + CODE_MB);
  });

  it.each([10, 20, 50])('reads the head of a %i MB CSV: readable, partial, a small fraction of the limit', async (mb) => {
    const r = await parseWatched('数据集样例.csv', G.largeCsv(mb));
    expect(r.error).toBeUndefined();
    expect(r.parsed?.partial).toMatchObject({ unit: 'bytes', total: G.largeCsv(mb).length });
    expect(r.parsed!.partial!.read).toBeLessThanOrEqual(TEXT_HEAD_BYTES);
    const table = r.parsed?.blocks[0];
    expect(table?.type === 'table' && table.rows[0].map((c) => c.text)).toEqual(['编号', '名称', '数值', '日期', '备注']);
    expect(r.peak).toBeLessThan(LIMIT_MB + CODE_MB);
  });

  it('refuses a .docx whose document.xml inflates to 1 GB before inflating it (a bomb: too large)', async () => {
    const r = await parseWatched('附件2.docx', G.hugeDocx(1024));
    expect(r.reason).toBe('too_large');
    expect(r.error).toMatch(/zip bomb/);
    expect(r.peak).toBeLessThan(LIMIT_MB + CODE_MB);
  });

  it('stops a .docx whose document.xml declares 1 KB and inflates to 1 GB (sizes that lie)', async () => {
    const r = await parseWatched('附件2.docx', G.hugeDocx(1024, { declaredSize: 1024 }));
    expect(r.parsed).toBeUndefined();
    expect(r.peak).toBeLessThan(LIMIT_MB + CODE_MB);
  });

  it('refuses an .xlsx with a 1 GB sharedStrings part before inflating it', async () => {
    const r = await parseWatched('附件3.xlsx', G.hugeSharedStringsXlsx(1024));
    expect(r.reason).toBe('too_large');
    expect(r.peak).toBeLessThan(LIMIT_MB + CODE_MB);
  });

  it(`reads the first ${PDF_MAX_PAGES} pages of a PDF of 100,000 tiny pages`, async () => {
    const r = await parseWatched('扫描件.pdf', G.manyPagePdf(100_000));
    expect(r.error).toBeUndefined();
    expect(r.parsed?.partial).toEqual({ unit: 'pages', read: PDF_MAX_PAGES, total: 100_000 });
    expect(r.peak).toBeLessThan(LIMIT_MB + CODE_MB);
  });

  it('records a sound 50 MB sample workbook (stored, ratio 1) as readable and unread, not damaged', async () => {
    const content = G.storedSampleXlsx(50);
    const r = await parseWatched('数据集样例.xlsx', content);
    expect(r.error).toBeUndefined();
    expect(r.parsed?.partial).toMatchObject({ unit: 'none', read: 0 });
    expect(r.parsed!.partial!.total).toBeGreaterThan(50 * 1024 * 1024);
    expect(r.peak).toBeLessThan(LIMIT_MB + CODE_MB);
  });
});
