// Configuration comes from environment variables only, validated once at start-up. A bad or
// missing value stops the process with ONE message naming every bad variable, so an operator
// fixes the whole .env in one go instead of one restart per mistake.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DEADLINE } from '../campaign/campaign.ts';
import { projectRoot } from './project-root.ts';

/** What this process runs: the IMAP settings are only required where the poller runs. */
export type Role = 'start' | 'poller' | 'worker' | 'web' | 'migrate' | 'import' | 'tool';

const ROLES_NEEDING_IMAP: readonly Role[] = ['start', 'poller'];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type Config = {
  role: Role;
  imap: {
    host: string;
    port: number;
    tls: boolean;
    /** Mailbox login, e.g. ssjjsjzlc@163.com. Empty when the role does not poll. */
    user: string;
    /** For NetEase: the authorization code (授权码), not the web password. Never log it. */
    pass: string;
    folder: string;
    /** PEM file of a private CA (test Dovecot); absent = system CAs. */
    tlsCa: string | null;
    /** Sent with the IMAP ID command; NetEase answers SELECT with "Unsafe Login" without it. */
    idName: string;
    idVersion: string;
    /** Folder to move mail to once its record is committed; null = never touch the mail. */
    moveTo: string | null;
    /** Safety-net UID SEARCH interval (IDLE can die silently). */
    pollIntervalSeconds: number;
  };
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  storageDir: string;
  /** Last on-time instant of the call for submissions. */
  deadline: Date;
  workerConcurrency: number;
  logLevel: LogLevel;
  parse: ParseLimits;
  ack: AckConfig;
  web: WebConfig;
};

/** The operators' dashboard (`intake web`, and `intake start`). */
export type WebConfig = {
  host: string;
  port: number;
  /** Cookies marked Secure: true behind HTTPS (a reverse proxy); 'auto' follows the request. */
  secureCookies: boolean | 'auto';
  /** Idle time after which a login session ends. */
  sessionIdleMinutes: number;
  /** Login attempts per client address per 15 minutes. */
  loginAttempts: number;
  /** Trust X-Forwarded-For from the reverse proxy in front (client address for the rate limit and audit). */
  trustProxy: boolean;
};

export type AckMode = 'off' | 'dry-run' | 'send';

/** Acknowledgement replies (SMTP, policy, rate limits). */
export type AckConfig = {
  /** off: no reply is written; dry-run: rendered and stored, never sent; send: sent by the mailer. */
  mode: AckMode;
  smtp: { host: string; port: number; tls: boolean; user: string; pass: string; tlsCa: string | null };
  /** The From address and its display name. */
  fromAddress: string;
  fromName: string;
  /** Mail received before this is held for an operator; null = when acknowledgements were first enabled. */
  since: Date | null;
  /** IMAP folder to save a copy of each sent reply in (staff see it in the 163 web mail); null = none. */
  sentFolder: string | null;
  perRecipientDaily: number;
  ratePerMinute: number;
  /** Folder of the operator-editable templates (reply.txt.hbs, reply.html.hbs). */
  templateDir: string;
};

/** Limits of the document parsers (worker threads) and archive expansion. */
export type ParseLimits = {
  /** Worker threads parsing attachments, one file at a time each. */
  concurrency: number;
  /** Hard time limit per file (and per RAR/7z archive). */
  timeoutMs: number;
  /** Memory limit of each parse process (the kernel's RLIMIT_DATA, V8's heap cap below it; docs/limits.md). */
  memoryMb: number;
  /** Total bytes unpacked from the archives of one email (zip bomb guard). */
  archiveMaxBytes: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const str = (fallback: string) => z.preprocess(emptyToUndefined, z.string().default(fallback));
const optionalStr = () => z.preprocess(emptyToUndefined, z.string().optional());

const int = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^-?\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .optional()
      .transform((v) => v ?? fallback),
  );

const bool = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
      .transform((v) => ['true', '1', 'yes', 'on'].includes(v))
      .optional()
      .transform((v) => v ?? fallback),
  );

const url = (fallback: string, protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .refine(
        (v) => {
          try {
            return protocols.includes(new URL(v).protocol);
          } catch {
            return false;
          }
        },
        `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      ),
  );

/** Half the cores, 1–2: parsing must leave a core to the event loop and the database. */
function defaultParseConcurrency(): number {
  return Math.max(1, Math.min(2, Math.floor(availableParallelism() / 2)));
}

/** Good enough to tell an address from a login name such as `demo`. */
const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** An ISO 8601 instant. The offset is required: a bare "2025-11-05T23:59:59" would silently mean the server's zone. */
const instant = () =>
  z
    .string()
    .refine(
      (v) => /(Z|[+-]\d\d:?\d\d)$/.test(v) && !Number.isNaN(Date.parse(v)),
      'must be an ISO 8601 instant with an offset, e.g. 2025-11-05T23:59:59+08:00',
    )
    .transform((v) => new Date(v));

const envSchema = z.object({
  IMAP_HOST: str('imap.163.com'),
  IMAP_PORT: int(993, 1, 65535),
  IMAP_TLS: bool(true),
  IMAP_USER: optionalStr(),
  IMAP_PASS: optionalStr(),
  IMAP_FOLDER: str('INBOX'),
  IMAP_TLS_CA: optionalStr(),
  IMAP_ID_NAME: str('dataset-case-intake'),
  IMAP_ID_VERSION: str('0.1.0'),
  IMAP_MOVE_TO: optionalStr(),
  POLL_INTERVAL_SECONDS: int(60, 1, 86400),
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/intake', ['postgres:', 'postgresql:']),
  REDIS_URL: url('redis://127.0.0.1:6379', ['redis:', 'rediss:']),
  QUEUE_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'may only hold letters, digits, "_", "." and "-"')
      .default('intake'),
  ),
  STORAGE_DIR: str('./data/store'),
  INTAKE_DEADLINE: z.preprocess((v) => emptyToUndefined(v) ?? DEFAULT_DEADLINE, instant()),
  WORKER_CONCURRENCY: int(2, 1, 64),
  INTAKE_PARSE_CONCURRENCY: int(defaultParseConcurrency(), 1, 64),
  INTAKE_PARSE_TIMEOUT_MS: int(60_000, 100, 3_600_000),
  // The whole parse process, Node itself included (≈ 70 MB idle from dist/, 100 MB from the sources).
  INTAKE_PARSE_MEMORY_MB: int(512, 192, 65_536),
  INTAKE_ARCHIVE_MAX_MB: int(200, 1, 1_048_576),
  // off: stamped scans are not OCR'd (text layers and seals are still read), as without tesseract.
  INTAKE_OCR: z.preprocess(emptyToUndefined, z.enum(['on', 'off'], { message: 'must be on or off' }).default('on')),
  SMTP_HOST: str('smtp.163.com'),
  SMTP_PORT: int(465, 1, 65535),
  SMTP_TLS: bool(true),
  SMTP_USER: optionalStr(),
  SMTP_PASS: optionalStr(),
  SMTP_TLS_CA: optionalStr(),
  ACK_MODE: z.preprocess(
    emptyToUndefined,
    z.enum(['off', 'dry-run', 'send'], { message: 'must be off, dry-run or send' }).default('dry-run'),
  ),
  ACK_FROM: z.preprocess(emptyToUndefined, z.string().regex(EMAIL_ADDRESS, 'must be an email address').optional()),
  ACK_FROM_NAME: str('武汉市数据局'),
  ACK_SINCE: z.preprocess(emptyToUndefined, instant().optional()),
  ACK_SENT_FOLDER: optionalStr(),
  ACK_PER_RECIPIENT_DAILY: int(5, 1, 1000),
  ACK_RATE_PER_MINUTE: int(30, 1, 10_000),
  ACK_TEMPLATE_DIR: optionalStr(),
  WEB_HOST: str('127.0.0.1'),
  WEB_PORT: int(8080, 0, 65535),
  WEB_SECURE_COOKIES: z.preprocess(
    emptyToUndefined,
    z.enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' }).default('auto'),
  ),
  WEB_SESSION_IDLE_MINUTES: int(480, 5, 10_080),
  WEB_LOGIN_ATTEMPTS: int(10, 1, 1000),
  WEB_TRUST_PROXY: bool(false),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
});

/**
 * Validates the environment for one role. Throws ConfigError naming every bad variable
 * (never its value: IMAP_PASS or a DATABASE_URL password must not reach a terminal or log).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, role: Role = 'start'): Config {
  const result = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${String(issue.path[0])}: ${issue.message}`);
  }
  if (ROLES_NEEDING_IMAP.includes(role)) {
    if (!emptyToUndefined(env.IMAP_USER)) problems.push(`IMAP_USER: required for "${role}" (the mailbox address, e.g. name@163.com)`);
    if (!emptyToUndefined(env.IMAP_PASS))
      problems.push(`IMAP_PASS: required for "${role}" (for 163.com: the authorization code 授权码, not the web password)`);
  }
  if (result.success && result.data.ACK_MODE === 'send') {
    const from = result.data.ACK_FROM ?? result.data.IMAP_USER ?? '';
    if (!EMAIL_ADDRESS.test(from)) {
      problems.push('ACK_FROM: required when ACK_MODE=send and IMAP_USER is not an email address (the From of the replies)');
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems.sort());
  const e = result.data;
  return {
    role,
    imap: {
      host: e.IMAP_HOST,
      port: e.IMAP_PORT,
      tls: e.IMAP_TLS,
      user: e.IMAP_USER ?? '',
      pass: e.IMAP_PASS ?? '',
      folder: e.IMAP_FOLDER,
      tlsCa: e.IMAP_TLS_CA ?? null,
      idName: e.IMAP_ID_NAME,
      idVersion: e.IMAP_ID_VERSION,
      moveTo: e.IMAP_MOVE_TO ?? null,
      pollIntervalSeconds: e.POLL_INTERVAL_SECONDS,
    },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    storageDir: e.STORAGE_DIR,
    deadline: e.INTAKE_DEADLINE,
    workerConcurrency: e.WORKER_CONCURRENCY,
    logLevel: e.LOG_LEVEL,
    parse: toParseLimits(e),
    ack: {
      mode: e.ACK_MODE,
      smtp: {
        host: e.SMTP_HOST,
        port: e.SMTP_PORT,
        tls: e.SMTP_TLS,
        // NetEase: the same account and 授权码 as IMAP unless told otherwise.
        user: e.SMTP_USER ?? e.IMAP_USER ?? '',
        pass: e.SMTP_PASS ?? e.IMAP_PASS ?? '',
        tlsCa: e.SMTP_TLS_CA ?? e.IMAP_TLS_CA ?? null,
      },
      fromAddress: e.ACK_FROM ?? e.IMAP_USER ?? '',
      fromName: e.ACK_FROM_NAME,
      since: e.ACK_SINCE ?? null,
      sentFolder: e.ACK_SENT_FOLDER ?? null,
      perRecipientDaily: e.ACK_PER_RECIPIENT_DAILY,
      ratePerMinute: e.ACK_RATE_PER_MINUTE,
      templateDir: e.ACK_TEMPLATE_DIR ?? defaultTemplateDir(),
    },
    web: {
      host: e.WEB_HOST,
      port: e.WEB_PORT,
      secureCookies: e.WEB_SECURE_COOKIES === 'auto' ? 'auto' : e.WEB_SECURE_COOKIES === 'true',
      sessionIdleMinutes: e.WEB_SESSION_IDLE_MINUTES,
      loginAttempts: e.WEB_LOGIN_ATTEMPTS,
      trustProxy: e.WEB_TRUST_PROXY,
    },
  };
}

const PARSE_KEYS = {
  INTAKE_PARSE_CONCURRENCY: true,
  INTAKE_PARSE_TIMEOUT_MS: true,
  INTAKE_PARSE_MEMORY_MB: true,
  INTAKE_ARCHIVE_MAX_MB: true,
} as const;

function toParseLimits(e: Pick<z.output<typeof envSchema>, keyof typeof PARSE_KEYS>): ParseLimits {
  return {
    concurrency: e.INTAKE_PARSE_CONCURRENCY,
    timeoutMs: e.INTAKE_PARSE_TIMEOUT_MS,
    memoryMb: e.INTAKE_PARSE_MEMORY_MB,
    archiveMaxBytes: e.INTAKE_ARCHIVE_MAX_MB * 1024 * 1024,
  };
}

/**
 * The parser limits alone, for modules that also run inside worker threads (which have no
 * Config object). The same schema as loadConfig, so a bad value that start-up reported can never
 * be read here as something else; throws ConfigError naming the variables.
 */
export function loadParseLimits(env: NodeJS.ProcessEnv = process.env): ParseLimits {
  const result = envSchema.pick(PARSE_KEYS).safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).sort());
  return toParseLimits(result.data);
}

/** INTAKE_OCR, validated by the same schema as loadConfig (scan workers have no Config object). */
export function loadOcrEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const result = envSchema.pick({ INTAKE_OCR: true }).safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  return result.data.INTAKE_OCR === 'on';
}

let cachedParseLimits: ParseLimits | undefined;

/** loadParseLimits(process.env), read once per thread. */
export function parseLimits(): ParseLimits {
  cachedParseLimits ??= loadParseLimits(process.env);
  return cachedParseLimits;
}

/** templates/ack at the project root. */
function defaultTemplateDir(): string {
  return join(projectRoot(), 'templates', 'ack');
}
