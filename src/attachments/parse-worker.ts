// Worker-thread side of the parse pool: one document at a time, results posted back. Runs in a
// thread so a CPU-heavy PDF or spreadsheet cannot stall the event loop (BullMQ lock renewal) and a
// runaway parse can be killed (time limit) or dies alone (resourceLimits memory cap).
import { parentPort } from 'node:worker_threads';
import { parseDocument, type DocumentInput, type DocumentResult } from '../formats/registry.ts';

export type ParseRequest = { id: number; file: DocumentInput };
export type ParseResponse = { id: number; result: DocumentResult };

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;

port.on('message', (req: ParseRequest) => {
  const file = { ...req.file, content: Buffer.from(req.file.content) };
  void parseDocument(file).then(
    (result) => port.postMessage({ id: req.id, result } satisfies ParseResponse),
    (err: unknown) => port.postMessage({ id: req.id, result: { format: 'unknown', error: String(err), reason: 'corrupt' } } satisfies ParseResponse),
  );
});
port.postMessage({ ready: true });
