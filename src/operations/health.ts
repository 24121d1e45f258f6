// Whether this deployment can do its work: PostgreSQL reachable and migrated, Redis answering.
// Each check has its own time limit and never throws; the result names what failed and why
// (connection strings masked: no password reaches a healthcheck log).
import type { Config } from '../config/env.ts';
import { checkDatabase } from '../db/health-check.ts';
import { maskUrlCredentials } from '../log/logger.ts';
import { checkRedis } from '../queue/health-check.ts';

export type HealthCheck = { name: string; ok: boolean; detail: string; ms: number };

export async function checkHealth(config: Pick<Config, 'databaseUrl' | 'redisUrl'>, timeoutMs = 5_000): Promise<HealthCheck[]> {
  const run = async (name: string, fn: () => Promise<string>): Promise<HealthCheck> => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const detail = await Promise.race([fn(), timeout]);
      return { name, ok: true, detail, ms: Math.round(performance.now() - started) };
    } catch (err) {
      const detail = maskUrlCredentials((err as Error)?.message || String(err));
      return { name, ok: false, detail, ms: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  };
  return Promise.all([
    run('database', () => checkDatabase(config.databaseUrl, timeoutMs)),
    run('redis', () => checkRedis(config.redisUrl, timeoutMs)),
  ]);
}
