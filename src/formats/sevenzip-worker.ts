// Worker-thread side of sevenzip-thread.ts: reads one archive and posts the members back, their
// bytes transferred (not copied). Any failure is posted as an error; the thread then ends.
import { parentPort, workerData } from 'node:worker_threads';
import { UnreadableError } from './parser.ts';
import { readSevenZip } from './sevenzip-reader.ts';
import type { SevenZipRequest, SevenZipResponse } from './sevenzip-thread.ts';

if (!parentPort) throw new Error('sevenzip-worker must run in a worker thread');
const port = parentPort;
const req = (workerData as { data: SevenZipRequest }).data;

readSevenZip(req.format, Buffer.from(req.content), req.limits, req.budget, req.listOnly).then(
  (result) => {
    const buffers = [...new Set(result.members.flatMap((m) => (m.content ? [m.content.buffer as ArrayBuffer] : [])))];
    port.postMessage({ ok: true, result } satisfies SevenZipResponse, buffers);
  },
  (err: unknown) => {
    const reason = err instanceof UnreadableError ? err.reason : 'corrupt';
    const error = err instanceof UnreadableError ? err.message : `${req.format}: ${(err as Error)?.message ?? String(err)}`;
    port.postMessage({ ok: false, error, reason } satisfies SevenZipResponse);
  },
);
