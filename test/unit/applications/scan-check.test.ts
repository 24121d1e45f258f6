import { describe, expect, it } from 'vitest';
import { applicationJson } from '../../../src/applications/application-json.ts';
import { buildApplication } from '../../../src/applications/build-application.ts';
import { wuhanDatasetCall2025 as campaign } from '../../../src/campaign/campaign.ts';
import type { ScanCheck } from '../../../src/types.ts';
import { member } from './member-fixtures.ts';

const sealed: ScanCheck = { pages: 3, text_source: 'ocr', uscc: '91420100MAHY6MBT91', seal: true };

describe("the application's scan check", () => {
  it('is the check of the stamped scan chosen: the latest member that brought one, all its scan files summed', () => {
    const forms = member({ id: '1', at: '2025-10-30T10:00:00+08:00', carries: ['form1', 'form2', 'form3', 'samples'] });
    const firstScan = member({
      id: '2',
      at: '2025-10-31T10:00:00+08:00',
      carries: [],
      files: [{ filename: '盖章件.pdf', kind: 'stamped_scan', readable: true, scan: { ...sealed, seal: false } }],
    });
    const photos = member({
      id: '3',
      at: '2025-11-01T10:00:00+08:00',
      carries: [],
      files: [
        { filename: '盖章页1.jpg', kind: 'stamped_scan', readable: true, scan: { pages: 1, text_source: 'ocr', uscc: null, seal: false } },
        {
          filename: '盖章页2.jpg',
          kind: 'stamped_scan',
          readable: true,
          scan: { pages: 1, text_source: 'ocr', uscc: sealed.uscc, seal: true },
        },
        { filename: '盖章页3.jpg', kind: 'stamped_scan', readable: false, scan: null },
      ],
    });
    const a = buildApplication([forms, firstScan, photos], campaign);
    expect(a.materials.stamped_scan?.filename).toBe('盖章页1.jpg');
    expect(a.materials.stamped_scan?.scan).toEqual({ pages: 2, text_source: 'ocr', uscc: sealed.uscc, seal: true });
    expect(applicationJson(a).materials.stamped_scan?.scan).toEqual({ pages: 2, text_source: 'ocr', uscc: sealed.uscc, seal: true });
    // Scan checks are not application flags: the seal and the code are shown, the operator judges.
    expect(a.flags.map((f) => f.code)).toEqual([]);
  });

  it('is null when the chosen scan was never read (stored before scans were read)', () => {
    const a = buildApplication([member({ id: '1', at: '2025-10-30T10:00:00+08:00' })], campaign);
    expect(a.materials.stamped_scan?.scan).toBeNull();
    expect(a.materials.form1).not.toHaveProperty('scan');
  });
});
