// Which failures are permanent. Retrying a corrupt raw message or a missing blob cannot help;
// retrying a dropped database connection can. Permanent ones become BullMQ UnrecoverableError
// (no further attempts) and are recorded on the message; nothing is dropped silently.
import { UnrecoverableError } from 'bullmq';
import { safeString } from '../db/safe-text.ts';
import { UnreadableError } from '../formats/parser.ts';
import { BlobNotFoundError } from '../store/blob-store.ts';

/** Raised by pipeline code for input that can never be processed. */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** Node/pg/ioredis error codes that mean "try again later". */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENOSPC',
  'EMFILE',
  'ENFILE',
  'EBUSY',
  '40001',
  '40P01',
  '53300',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export function isPermanentError(err: unknown): boolean {
  if (err instanceof UnrecoverableError || err instanceof PermanentError) return true;
  if (err instanceof UnreadableError || err instanceof BlobNotFoundError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return false;
  // PostgreSQL data errors (class 22: bad date, out of range; class 23: constraint) repeat on retry.
  if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) return true;
  return false;
}

/** The error as recorded on the message (last_error, events): storable even with a NUL in it. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return safeString(`${err.name}: ${err.message}`.slice(0, 4000));
  return safeString(String(err).slice(0, 4000));
}
