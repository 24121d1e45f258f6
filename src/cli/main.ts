// The one `intake` command: every role of the service and the offline tools.
import { runExtract } from './commands/extract.ts';

type Command = { summary: string; run: (args: string[]) => Promise<number | void> };

const commands: Record<string, Command> = {
  extract: { summary: 'extract FILE.eml [...]: print one JSON object per email (no server needed)', run: runExtract },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: intake <command> [args]\n\ncommands:\n${lines.join('\n')}\n`;
}

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
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
