import { describe, expect, it } from 'vitest';
import { wuhanDatasetCall2025 as campaign } from '../../../src/campaign/campaign.ts';
import { validateExtraction } from '../../../src/validate/validate.ts';
import type { Extraction, ScanCheck } from '../../../src/types.ts';
import { makeExtraction, makeSubmission } from './make-extraction.ts';

const OWN = '91420100MAHY6MBT91';
const OTHER = '91420111MAY9F9KJ64';
const scan = (over: Partial<ScanCheck>): ScanCheck => ({ pages: 3, text_source: 'ocr', uscc: OWN, seal: true, ...over });
const flags = (x: Extraction) => validateExtraction(x, { campaign, isResubmission: false });
const codes = (x: Extraction) => flags(x).map((f) => f.code);

describe('scan rules', () => {
  const own = makeSubmission({ uscc: OWN });

  it('raise nothing for a sealed scan of the same unit, nor when no scan was read', () => {
    expect(codes(makeExtraction({ submission: own, scan: scan({}) }))).toEqual([]);
    expect(codes(makeExtraction({ submission: own, scan: null }))).toEqual([]);
    expect(codes(makeExtraction({ submission: own }))).toEqual([]);
  });

  it('SEAL_MISSING when pages were judged and none shows a seal; never for greyscale scans alone', () => {
    const missing = flags(makeExtraction({ submission: own, scan: scan({ seal: false }) }));
    expect(missing.map((f) => f.code)).toEqual(['SEAL_MISSING']);
    expect(missing[0]?.message).toMatch(/公章/);
    expect(codes(makeExtraction({ submission: own, scan: scan({ seal: null }) }))).toEqual([]);
  });

  it('SCAN_MISMATCH when the scan carries another valid code than 附件1, naming both', () => {
    const [flag] = flags(makeExtraction({ submission: own, scan: scan({ uscc: OTHER }) }));
    expect(flag?.code).toBe('SCAN_MISMATCH');
    expect(flag?.message).toContain(OTHER);
    expect(flag?.message).toContain(OWN);
    // Written with spaces or lower case in 附件1 is the same code.
    expect(codes(makeExtraction({ submission: makeSubmission({ uscc: ' 91420100mahy6mbt91 ' }), scan: scan({}) }))).toEqual([]);
  });

  it('no SCAN_MISMATCH without two valid codes to compare', () => {
    expect(codes(makeExtraction({ submission: own, scan: scan({ uscc: null }) }))).toEqual([]);
    const invalidForm = makeSubmission({ uscc: '91420100MAHY6MBT92' });
    expect(codes(makeExtraction({ submission: invalidForm, scan: scan({ uscc: OTHER }) }))).toEqual(['INVALID_USCC']);
  });
});
