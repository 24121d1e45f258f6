// The scan check of one email (spec section "Scan check"): every stamped-scan file, archive
// members included, read and summed up. Each file keeps its own result (file.scan), which is
// stored with its attachment row, OCR text and all.
import type { FoundFile, ScanCheck } from '../types.ts';
import { scanFile, type ScanEnv } from './scan-file.ts';
import { pageThreadLimits, scanToolLimits } from './scan-limits.ts';
import { scanTools } from './scan-tools.ts';
import { sharedScanSlots } from './slots.ts';
import { summarizeScans } from './summarize-scans.ts';

/** null when the email has no stamped scan; an unreadable scan file counts for nothing. */
export async function checkScans(files: FoundFile[], env?: Partial<ScanEnv>): Promise<ScanCheck | null> {
  const scans = files.filter((f) => f.kind === 'stamped_scan');
  if (scans.length === 0) return null;
  const full: ScanEnv = {
    tools: env?.tools ?? (await scanTools()),
    toolLimits: env?.toolLimits ?? scanToolLimits(),
    threadLimits: env?.threadLimits ?? pageThreadLimits(),
    slots: env?.slots ?? sharedScanSlots(),
  };
  const results = await Promise.all(
    scans.map(async (f) => {
      const result = await scanFile(f, full);
      if (result) f.scan = result;
      return result;
    }),
  );
  return summarizeScans(results);
}
