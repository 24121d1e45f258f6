// A parse process for tests that speaks parse-worker.ts's protocol, takes the file and never
// answers: a parse that runs past its time limit, without depending on how fast a real one is.
import type { ParseRequest, ParseWorkerMessage } from '../../../../src/attachments/parse-worker.ts';

const send = (message: ParseWorkerMessage) => process.send!(message);

process.on('message', (req: ParseRequest) => {
  send({ started: req.id });
  setInterval(() => undefined, 60_000); // busy with the file forever
});
process.on('disconnect', () => process.exit(0));
send({ ready: true });
