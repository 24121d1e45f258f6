// Every corpus email: the flags equal the expected set exactly, with RESUBMISSION computed by
// processing the set in index.json order (received_at ascending).
import { beforeAll, describe, expect, it } from 'vitest';
import { wuhanDatasetCall2025 } from '../../../src/campaign/campaign.ts';
import { isResubmissionOf, unitKeys } from '../../../src/versions/version-chain.ts';
import { validateExtraction } from '../../../src/validate/validate.ts';
import { hasCorpus, loadCorpus, type CorpusItem } from './corpus-extraction.ts';

describe.skipIf(!hasCorpus)('flags on the shared corpus', () => {
  let items: CorpusItem[] = [];
  const results = new Map<string, { actual: string[]; expected: string[]; notSubmission: string | null }>();

  beforeAll(async () => {
    items = await loadCorpus();
    const earlier: string[][] = [];
    for (const item of items) {
      const x = item.extraction;
      const keys = x.notSubmissionReason === null ? unitKeys(x) : [];
      const isResubmission = x.notSubmissionReason === null && isResubmissionOf(keys, earlier);
      const flags = validateExtraction(x, { campaign: wuhanDatasetCall2025, isResubmission });
      if (x.notSubmissionReason === null) earlier.push(keys);
      results.set(item.file, {
        actual: [...new Set(flags.map((f) => f.code))].sort(),
        expected: [...item.expected.flags].sort(),
        notSubmission: x.notSubmissionReason,
      });
    }
  }, 120_000);

  it('classifies submissions and non-submissions as expected', () => {
    for (const item of items) {
      expect({ file: item.file, isSubmission: item.extraction.notSubmissionReason === null }).toEqual({
        file: item.file,
        isSubmission: item.expected.is_submission,
      });
    }
  });

  it('raises exactly the expected flags on every email', () => {
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const r = results.get(item.file)!;
      expect({ file: item.file, flags: r.actual }).toEqual({ file: item.file, flags: r.expected });
    }
  });

  it('gives every flag a Chinese message and a severity', () => {
    for (const item of items) {
      const flags = validateExtraction(item.extraction, { campaign: wuhanDatasetCall2025, isResubmission: false });
      for (const f of flags) {
        expect(f.message).toMatch(/[\u4e00-\u9fff]/);
        expect(['error', 'warning', 'info']).toContain(f.severity);
      }
    }
  });
});
