// Runs one RAR/7z archive through sevenzip-worker.ts in its own worker thread, with a time limit
// and a memory cap, so WebAssembly decompression never blocks the event loop and a runaway or
// crashing decoder only makes that archive unreadable. A thread per archive: archives are rare,
// and ending the thread frees the WebAssembly memory at once.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UnreadableError } from './parser.ts';
import type { SevenZipFormat, SevenZipResult } from './sevenzip-reader.ts';
import type { ZipBudget, ZipLimits } from './zip-reader.ts';

export type SevenZipRequest = {
  format: SevenZipFormat;
  content: Uint8Array;
  limits: ZipLimits;
  budget: ZipBudget;
  listOnly: boolean;
};

export type SevenZipResponse =
  | { ok: true; result: SevenZipResult }
  | { ok: false; error: string; reason: UnreadableError['reason'] };

const TIMEOUT_MS = Number(process.env.INTAKE_PARSE_TIMEOUT_MS) || 60_000;
const MEMORY_MB = Number(process.env.INTAKE_PARSE_MEMORY_MB) || 512;

// Sources run through tsx in development and tests; the thread needs its loader too (as in
// src/attachments/parse-pool.ts). The compiled build loads the .js worker directly.
const SELF_IS_TS = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(SELF_IS_TS ? './sevenzip-worker.ts' : './sevenzip-worker.js', import.meta.url).href;

function tsxEsmApiUrl(): string | null {
  if (!SELF_IS_TS) return null;
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import: { default: string } }> };
  return new URL(manifest.exports['./esm/api'].import.default, pathToFileURL(manifestPath)).href;
}

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.workerUrl);
})().catch((err) => { console.error(err); process.exit(70); });
`;

/** Members of a RAR/7z archive; the budget is charged with what was extracted. */
export function runSevenZip(request: SevenZipRequest, timeoutMs = TIMEOUT_MS): Promise<SevenZipResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { tsxApi: tsxEsmApiUrl(), workerUrl: WORKER_URL, request },
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => settle(() => reject(new UnreadableError(`${request.format}: reading timed out after ${timeoutMs} ms`, 'timeout'))),
      timeoutMs,
    );
    worker.on('message', (msg: SevenZipResponse) => {
      settle(() => {
        if (!msg.ok) return reject(new UnreadableError(msg.error, msg.reason));
        request.budget.bytesLeft -= msg.result.bytesUsed;
        request.budget.entriesLeft -= msg.result.entriesUsed;
        for (const m of msg.result.members) if (m.content) m.content = Buffer.from(m.content.buffer, m.content.byteOffset, m.content.byteLength);
        resolve(msg.result);
      });
    });
    worker.on('error', (err) =>
      settle(() => reject(new UnreadableError(`${request.format}: reader crashed: ${err.message}`, /memory/i.test(err.message) ? 'too_large' : 'corrupt'))),
    );
    worker.on('exit', (code) => settle(() => reject(new UnreadableError(`${request.format}: reader exited with code ${code}`, 'corrupt'))));
  });
}
