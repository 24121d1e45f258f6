// The one `intake` command: every role of the service and the offline tools.
import { runAcks } from './commands/acks.ts';
import { runAnalyst } from './commands/analyst.ts';
import { runApplications } from './commands/applications.ts';
import { runExtract } from './commands/extract.ts';
import { runHealth } from './commands/health.ts';
import { runImport } from './commands/import.ts';
import { runMigrate } from './commands/migrate.ts';
import { runReprocess } from './commands/reprocess.ts';
import { runPoller, runStart, runWeb, runWorker } from './commands/serve.ts';
import { runUser } from './commands/user.ts';

type Command = { summary: string; run: (args: string[]) => Promise<number | void> };

const commands: Record<string, Command> = {
  start: { summary: 'migrate, then run the IMAP poller, the workers and the dashboard in one process', run: runStart },
  poller: { summary: 'run the IMAP poller only (one per mailbox)', run: runPoller },
  worker: { summary: 'run the ingest worker only (scale out: one or more per machine)', run: runWorker },
  web: { summary: 'run the operators’ dashboard only (WEB_HOST:WEB_PORT, default 127.0.0.1:8080)', run: runWeb },
  migrate: { summary: 'create the database if missing and apply migrations', run: runMigrate },
  import: { summary: 'import [--wait|--work] FILE.eml|DIR|MBOX: feed files into the pipeline', run: runImport },
  reprocess: { summary: 'reprocess [--failed|--all] [--wait|--work] [ID ...]: run the ingest job again', run: runReprocess },
  acks: { summary: 'acks list|release|resend: acknowledgement replies (held, queued, sent, failed, suppressed …)', run: runAcks },
  applications: {
    summary: 'applications list | show ID | review ID STATE --by NAME [--comment TEXT]: one application per unit',
    run: runApplications,
  },
  user: { summary: 'user add NAME [--role admin|reviewer] | list | passwd | disable | enable | role: dashboard accounts', run: runUser },
  analyst: { summary: 'analyst add NAME [--password-stdin]: a read-only database login for an analyst', run: runAnalyst },
  health: { summary: 'health [--timeout SECONDS]: exit 0 when PostgreSQL and Redis answer (container healthcheck)', run: runHealth },
  extract: {
    summary: 'extract [--applications] FILE.eml [...]: one JSON object per email, or per application (no server needed)',
    run: runExtract,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: intake <command> [args]\n\ncommands:\n${lines.join('\n')}\n`;
}

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  if (name !== undefined && name !== '--help' && name !== 'help') process.stderr.write(`intake: unknown command "${name}"\n`);
  process.stderr.write(usage());
  process.exit(name === undefined || name === '--help' || name === 'help' ? 0 : 2);
}
try {
  const code = await command.run(args);
  if (typeof code === 'number') process.exitCode = code;
} catch (err) {
  process.stderr.write(`intake ${name}: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
