// Entry point of the dashboard role, the same as `intake web`: nothing else imports this file.
// The logic is in src/web/ (routes) and src/operations/ (what operators can do).
import { runWeb } from '../src/cli/commands/serve.ts';

process.exitCode = await runWeb();
