// Two projects: unit tests (no servers, parallel) and integration tests against the machine's
// real PostgreSQL, Redis and Dovecot (serial: each file creates its own database, queue prefix
// and IMAP folder anyway, but running them one at a time keeps load and timings predictable).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // After the unit tests: a broken parser shows up there first, in seconds.
          sequence: { groupOrder: 1 },
          // OCR costs about a second per scan page, and these tests import whole mail sets (some
          // several times, one file at a time): stamped scans are read without OCR here (seals
          // and text layers still are). OCR is tested on the corpora in the unit project
          // (corpus-score: `intake extract` as acceptance runs it) and in pipeline-scan.test.ts.
          env: { INTAKE_OCR: 'off' },
        },
      },
    ],
  },
});
