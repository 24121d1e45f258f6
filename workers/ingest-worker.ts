// Entry point of the ingest worker role, the same as `intake worker`: nothing else imports this
// file. The logic is in src/ (src/app/start-workers.ts, src/ingest/).
import { runWorker } from '../src/cli/commands/serve.ts';

process.exitCode = await runWorker();
