import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { classifyJobFailure } from '../../../src/ingest/record-job-failure.ts';

// attemptsMade as BullMQ reports it in the 'failed' event (already counting the attempt that failed).
const job = (attemptsMade: number, extra: { deferredFailure?: string } = {}) => ({ attemptsMade, opts: { attempts: 6 }, ...extra });

describe('classifyJobFailure', () => {
  it('sees a job BullMQ failed without running the processor (worker died mid-job)', () => {
    expect(
      classifyJobFailure(
        job(0, { deferredFailure: 'job stalled more than allowable limit' }),
        new UnrecoverableError('job stalled more than allowable limit'),
      ),
    ).toBe('processor-skipped');
    expect(classifyJobFailure(job(2), new Error('job stalled more than allowable limit'))).toBe('processor-skipped');
  });

  it('treats the last attempt and unrecoverable errors as final', () => {
    expect(classifyJobFailure(job(6), new Error('ECONNREFUSED'))).toBe('final');
    expect(classifyJobFailure(job(1), new UnrecoverableError('corrupt raw'))).toBe('final');
  });

  it('leaves earlier transient failures to the retry', () => {
    expect(classifyJobFailure(job(1), new Error('ECONNREFUSED'))).toBe('will-retry');
    expect(classifyJobFailure(job(5), new Error('ECONNREFUSED'))).toBe('will-retry');
  });
});
