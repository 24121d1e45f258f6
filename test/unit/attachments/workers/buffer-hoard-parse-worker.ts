// A parse process for tests that, for a file named "hoard", allocates Buffers until the process
// limit stops it. Buffers live outside V8's heap, so --max-old-space-size never stops this: only
// the kernel's limit (RLIMIT_DATA, set through prlimit) does.
import type { ParseRequest, ParseWorkerMessage } from '../../../../src/attachments/parse-worker.ts';

const send = (message: ParseWorkerMessage) => process.send!(message);

process.on('message', (req: ParseRequest) => {
  send({ started: req.id });
  const hoard: Buffer[] = [];
  // Touch every page so that the memory is resident, not only reserved.
  for (;;) hoard.push(Buffer.alloc(4 * 1024 * 1024, 1));
});
process.on('disconnect', () => process.exit(0));
send({ ready: true });
