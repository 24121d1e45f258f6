// Is the system of record usable? Connects, runs a query and checks the schema is migrated,
// within a time limit. For `intake health` (container healthchecks) and, later, /healthz.
import pg from 'pg';

export async function checkDatabase(databaseUrl: string, timeoutMs: number): Promise<string> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    application_name: 'intake-health',
  });
  try {
    await client.connect();
    const { rows } = await client.query<{ migrated: boolean }>("SELECT to_regclass('public.messages') IS NOT NULL AS migrated");
    if (!rows[0]?.migrated) throw new Error('connected, but the schema is not migrated (run `intake migrate`)');
    return 'ok';
  } finally {
    await client.end().catch(() => undefined);
  }
}
