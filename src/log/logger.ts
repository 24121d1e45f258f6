// One pino root logger; components and jobs log through children (`logger.child({ component })`).
// Secrets are redacted by path so that logging a config, an imapflow auth object or an error
// carrying a connection string cannot leak the 授权码 or a database password.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const SECRET_KEYS = [
  'pass',
  'password',
  'passwd',
  'secret',
  'authCode',
  'accessToken',
  'IMAP_PASS',
  'SMTP_PASS',
  'authorization',
  'Authorization',
];
const URL_KEYS = ['databaseUrl', 'DATABASE_URL', 'redisUrl', 'REDIS_URL', 'connectionString', 'url'];

/** Paths at the top level and up to three levels deep (config.imap.pass, job.data.auth.pass). */
function pathsFor(keys: string[]): string[] {
  return keys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);
}

export const REDACT_PATHS = [
  ...pathsFor(SECRET_KEYS),
  ...pathsFor(URL_KEYS),
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** postgres://user:secret@host/db -> postgres://user:***@host/db; anything else unchanged. */
export function maskUrlCredentials(value: string): string {
  return value.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@');
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  // URLs stay useful in logs (which database, which host) with only the password masked.
  if (URL_KEYS.includes(key) && typeof value === 'string') return maskUrlCredentials(value);
  return '[Redacted]';
}

/** `level` comes from the validated config (LOG_LEVEL); the logger never reads the environment itself. */
export type LoggerOptions = { level?: string; name?: string; destination?: DestinationStream };

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      name: opts.name ?? 'intake',
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor },
      serializers: { err: serializeError, error: serializeError },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination(2),
  );
}

/** pino's error serializer, with connection strings in messages masked (pg and ioredis echo them). */
function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (typeof out?.message === 'string') out.message = maskUrlCredentials(out.message);
  if (typeof out?.stack === 'string') out.stack = maskUrlCredentials(out.stack);
  return out;
}
