// `intake health [--timeout SECONDS]`: exit 0 when PostgreSQL (reachable, migrated) and Redis
// answer, 1 otherwise, with one line per check. The containers' healthcheck.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../../app/bootstrap.ts';
import { checkHealth } from '../../operations/health.ts';

export async function runHealth(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { timeout: { type: 'string' } } });
  const timeoutMs = Math.max(100, Number(values.timeout ?? 5) * 1000 || 5000);
  const config = loadConfigOrExit('worker');
  const checks = await checkHealth(config, timeoutMs);
  for (const c of checks) process.stdout.write(`${c.name}: ${c.ok ? 'ok' : `FAILED (${c.detail})`} ${c.ms} ms\n`);
  return checks.every((c) => c.ok) ? 0 : 1;
}
