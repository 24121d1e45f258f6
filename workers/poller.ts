// Entry point of the poller role, the same as `intake poller` (one per mailbox; a Redis lock
// keeps any second one on standby): nothing else imports this file. The logic is in src/mailbox/.
import { runPoller } from '../src/cli/commands/serve.ts';

process.exitCode = await runPoller();
