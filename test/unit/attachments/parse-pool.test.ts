// Issue 7.8 (2, 6): a parse that exhausts its memory must end only its own process, never the
// service (a worker thread's heap cap is best-effort: one large allocation aborted the whole
// process); and a file's time limit starts when its parse starts, not while the parse process
// is still loading (a 953-byte .docx timed out on a loaded machine).
import { afterEach, describe, expect, it } from 'vitest';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { buildDocx } from './docx-builder.ts';

const workerUrl = (name: string) => new URL(`./workers/${name}.ts`, import.meta.url).href;
const text = (s: string) => ({ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from(s) });

let pool: ParsePool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

/** Holds the event loop as a loaded machine would; no timer or message runs meanwhile. */
function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('parse pool', () => {
  it('makes a file whose parse exhausts the memory cap unreadable, and parses on', async () => {
    pool = new ParsePool({ size: 1, timeoutMs: 60_000, memoryMb: 256 }, workerUrl('oom-parse-worker'));
    const r = await pool.parse({ ...text('x'), filename: 'oom' });
    expect(r.parsed).toBeUndefined();
    expect(r.reason).toBe('too_large');
    expect(r.error).toMatch(/out of memory/);
    // This process lives on, and so does the pool, with a fresh parse process.
    expect((await pool.parse(text('next file'))).parsed?.text).toBe('next file');
  });

  it("starts a file's time limit only when its parse has started", async () => {
    pool = new ParsePool({ size: 1, timeoutMs: 1_000, memoryMb: 256 });
    const docx = buildDocx(['一、背景描述', '正文']);
    expect(docx.length).toBeLessThan(2_000);
    const pending = pool.parse({ filename: '附件2.docx', contentType: '', content: docx });
    // Longer than the limit passes before the pool gets to run at all: the parse process is
    // still loading, and that time is not the file's.
    busyFor(1_500);
    const r = await pending;
    expect(r.error).toBeUndefined();
    expect(r.parsed?.text).toContain('背景描述');
    // Its parse time (the metrics' parse seconds) leaves out that wait too.
    expect(r.parseMs).toBeGreaterThanOrEqual(0);
    expect(r.parseMs).toBeLessThan(1_000);
  });

  it('times a file that runs out its limit at about the limit', async () => {
    pool = new ParsePool({ size: 1, timeoutMs: 300, memoryMb: 256 }, workerUrl('hang-parse-worker'));
    const r = await pool.parse(text('x'));
    expect(r.reason).toBe('timeout');
    expect(r.parseMs).toBeGreaterThanOrEqual(290);
    expect(r.parseMs).toBeLessThan(2_000);
  });

  it('fails the call, not the file, when a parse process cannot start', async () => {
    pool = new ParsePool({ size: 1, timeoutMs: 60_000, memoryMb: 256 }, workerUrl('broken-parse-worker'));
    await expect(pool.parse(text('x'))).rejects.toThrow(/before it was ready.*cannot load the parsers/);
  });
});
