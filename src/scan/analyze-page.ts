// Runs page-analysis.ts in worker threads, with a time limit and a heap cap, so the pixel work
// stays off the event loop and a page that breaks the decoder only loses its own result. Threads
// are kept for the next page (starting one costs more than analysing a page); a thread that timed
// out or crashed is ended and never reused. Idle threads do not keep the process alive.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../formats/module-worker.ts';
import type { PageAnalysis, PageInput } from './page-analysis.ts';
import type { ToolLimits } from './tool-runner.ts';

export type PageWorkerRequest = { id: number; input: PageInput };
export type PageWorkerResponse = { id: number } & ({ ok: true; result: PageAnalysis } | { ok: false; error: string });

/** Idle threads kept; more would only hold memory (the scan slots bound how many work at once). */
const MAX_IDLE = 4;

const idle: Worker[] = [];
let nextId = 1;

function startThread(limits: ToolLimits): Worker {
  return startModuleWorker(import.meta.url, 'page-worker', { resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb } });
}

function release(worker: Worker): void {
  if (idle.length >= MAX_IDLE) return void worker.terminate();
  worker.unref();
  idle.push(worker);
}

export function analyzePageInThread(input: PageInput, limits: ToolLimits): Promise<PageAnalysis> {
  const worker = idle.pop() ?? startThread(limits);
  worker.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (reusable: boolean, fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable) release(worker);
      else void worker.terminate();
      fn();
    };
    const onMessage = (msg: PageWorkerResponse): void => {
      if (msg.id !== id) return;
      settle(true, () => {
        if (!msg.ok) return reject(new Error(`page analysis: ${msg.error}`));
        const { ocrPng } = msg.result;
        resolve({ ...msg.result, ocrPng: ocrPng ? Buffer.from(ocrPng.buffer, ocrPng.byteOffset, ocrPng.byteLength) : null });
      });
    };
    const onError = (err: Error): void => settle(false, () => reject(new Error(`page analysis crashed: ${err.message}`)));
    const onExit = (code: number): void => settle(false, () => reject(new Error(`page analysis exited with code ${code}`)));
    const timer = setTimeout(
      () => settle(false, () => reject(new Error(`page analysis timed out after ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    // The image is copied into the thread; the caller keeps its buffer (a photo is stored as sent).
    worker.postMessage({ id, input } satisfies PageWorkerRequest);
  });
}
