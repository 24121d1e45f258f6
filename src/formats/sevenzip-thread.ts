// Runs one RAR/7z archive through sevenzip-worker.ts in its own worker thread, with a time limit
// and a memory cap, so WebAssembly decompression never blocks the event loop and a runaway or
// crashing decoder only makes that archive unreadable. A thread per archive: archives are rare,
// and ending the thread frees the WebAssembly memory at once.
import { parseLimits } from '../config/env.ts';
import { startModuleWorker } from './module-worker.ts';
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

export type SevenZipResponse = { ok: true; result: SevenZipResult } | { ok: false; error: string; reason: UnreadableError['reason'] };

/** Members of a RAR/7z archive; the budget is charged with what was extracted. */
export function runSevenZip(request: SevenZipRequest, timeoutMs = parseLimits().timeoutMs): Promise<SevenZipResult> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'sevenzip-worker', {
      data: request,
      resourceLimits: { maxOldGenerationSizeMb: parseLimits().memoryMb },
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
        for (const m of msg.result.members)
          if (m.content) m.content = Buffer.from(m.content.buffer, m.content.byteOffset, m.content.byteLength);
        resolve(msg.result);
      });
    });
    worker.on('error', (err) =>
      settle(() =>
        reject(
          new UnreadableError(`${request.format}: reader crashed: ${err.message}`, /memory/i.test(err.message) ? 'too_large' : 'corrupt'),
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new UnreadableError(`${request.format}: reader exited with code ${code}`, 'corrupt'))));
  });
}
