// A parse process for tests that speaks parse-worker.ts's protocol and, for a file named "oom",
// allocates until V8 gives up: the abort a real parser's runaway allocation ends in.
import type { ParseRequest, ParseWorkerMessage } from '../../../../src/attachments/parse-worker.ts';

const send = (message: ParseWorkerMessage) => process.send!(message);

process.on('message', (req: ParseRequest) => {
  send({ started: req.id });
  if (req.file.filename === 'oom') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(100_000).fill(1.5));
  }
  const text = Buffer.from(req.file.content).toString('utf8');
  send({ id: req.id, result: { format: 'txt', parsed: { format: 'txt', blocks: [{ type: 'paragraph', text }], text } } });
});
process.on('disconnect', () => process.exit(0));
send({ ready: true });
