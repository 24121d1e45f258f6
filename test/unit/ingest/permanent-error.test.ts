import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { UnreadableError } from '../../../src/formats/parser.ts';
import { errorText, isPermanentError, PermanentError } from '../../../src/queue/permanent-error.ts';
import { BlobNotFoundError } from '../../../src/store/blob-store.ts';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isPermanentError', () => {
  it('gives up on input that can never be processed', () => {
    expect(isPermanentError(new PermanentError('no such message'))).toBe(true);
    expect(isPermanentError(new UnrecoverableError('x'))).toBe(true);
    expect(isPermanentError(new UnreadableError('corrupt raw'))).toBe(true);
    expect(isPermanentError(new BlobNotFoundError('0'.repeat(64)))).toBe(true);
    expect(isPermanentError(withCode('22007'))).toBe(true); // invalid datetime format
  });

  it('retries what a restart or a moment fixes', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '40P01', 'ENOSPC']) expect(isPermanentError(withCode(code))).toBe(false);
    expect(isPermanentError(new Error('something odd'))).toBe(false);
  });
});

describe('errorText', () => {
  it('records an error whose message holds a NUL (PostgreSQL text cannot store U+0000)', () => {
    expect(errorText(new Error('cannot read a\u0000b.docx'))).toBe('Error: cannot read a\uFFFDb.docx');
  });
});
