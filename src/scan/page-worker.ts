// Worker-thread side of analyze-page.ts: analyses pages one message at a time and posts each result
// back (the OCR image transferred, not copied). A failure is posted as an error for that page.
import { parentPort } from 'node:worker_threads';
import { analyzePage } from './page-analysis.ts';
import type { PageWorkerRequest, PageWorkerResponse } from './analyze-page.ts';

if (!parentPort) throw new Error('page-worker must run in a worker thread');
const port = parentPort;

port.on('message', ({ id, input }: PageWorkerRequest) => {
  analyzePage(input).then(
    (result) =>
      port.postMessage({ id, ok: true, result } satisfies PageWorkerResponse, result.ocrPng ? [result.ocrPng.buffer as ArrayBuffer] : []),
    (err: unknown) => port.postMessage({ id, ok: false, error: (err as Error)?.message ?? String(err) } satisfies PageWorkerResponse),
  );
});
