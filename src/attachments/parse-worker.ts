// Child-process side of the parse pool: one document at a time, results sent back. Runs in its
// own process so a CPU-heavy PDF or spreadsheet cannot stall the event loop (BullMQ lock renewal),
// a runaway parse can be killed (time limit), and a parse that exhausts its heap
// (--max-old-space-size) or crashes V8 dies alone.
import { parseDocument, type DocumentInput, type DocumentResult } from '../formats/registry.ts';

export type ParseRequest = { id: number; file: DocumentInput };
/** `peakRssMb`: the process's resident peak so far (its parses only: the pool replaces it after a failure). */
export type ParseResponse = { id: number; result: DocumentResult; peakRssMb?: number };
/** `ready` once the parsers are loaded; `started` when a file is in hand (its time limit starts). */
export type ParseWorkerMessage = ParseResponse | { ready: true } | { started: number };

if (!process.send) throw new Error('parse-worker must run in a child process with an IPC channel');
const send = (message: ParseWorkerMessage) => process.send!(message);

process.on('message', (req: ParseRequest) => {
  send({ started: req.id });
  const file = { ...req.file, content: Buffer.from(req.file.content) };
  const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
  void parseDocument(file).then(
    (result) => send({ id: req.id, result, peakRssMb: peakRssMb() }),
    (err: unknown) => send({ id: req.id, result: { format: 'unknown', error: String(err), reason: 'corrupt' }, peakRssMb: peakRssMb() }),
  );
});
// The pool gone (its process ended or killed us off the channel): nothing left to parse for.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
