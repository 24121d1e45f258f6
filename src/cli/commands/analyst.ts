// `intake analyst add NAME [--password-stdin]`: a thin caller of src/operations/add-analyst.ts.
// A password is read from stdin only (never argv: it would show in `ps` and the shell history);
// without one, a generated password is printed once on stdout and nowhere else.
import { parseArgs } from 'node:util';
import { bootstrap } from '../../app/bootstrap.ts';
import { AnalystError, addAnalyst } from '../../operations/add-analyst.ts';
import { readStdinSecret } from '../read-stdin.ts';

const USAGE = 'usage: intake analyst add NAME [--password-stdin]\n';

export async function runAnalyst(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { 'password-stdin': { type: 'boolean' } } });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [action, name, ...rest] = parsed.positionals;
  if (action !== 'add' || !name || rest.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const password = parsed.values['password-stdin'] ? await readStdinSecret() : null;
  if (password === '') {
    process.stderr.write('--password-stdin: no password on stdin\n');
    return 2;
  }
  const app = await bootstrap('import');
  try {
    const r = await addAnalyst(app, { name, password });
    process.stdout.write(`analyst login "${r.name}" created (read-only: member of intake_analyst)\n`);
    if (r.generated) process.stdout.write(`password (shown once, hand it over now): ${r.password}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof AnalystError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}
