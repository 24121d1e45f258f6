// How the checks of several stamped-scan files (or pages) make one (spec section "Scan check"):
// pages summed, the first valid code, a seal when any shows one. Pure: an email's check and an
// application's chosen scan are summed up the same way.
import type { FileScan, ScanCheck } from '../types.ts';

/** true when any shows a seal, false when some was judged and none does, else null (greyscale only). */
export function combineSeals(seals: readonly (boolean | null)[]): boolean | null {
  if (seals.includes(true)) return true;
  return seals.includes(false) ? false : null;
}

/** The check of several files, in file order; files not judged (null) count for nothing. */
export function summarizeScans(scans: readonly (ScanCheck | null | undefined)[]): ScanCheck {
  const read = scans.filter((s): s is ScanCheck => s != null);
  const sources = read.map((s) => s.text_source);
  return {
    pages: read.reduce((n, s) => n + s.pages, 0),
    // OCR wherever any file needed it: its text is the less certain one.
    text_source: sources.includes('ocr') ? 'ocr' : sources.includes('text_layer') ? 'text_layer' : null,
    uscc: read.find((s) => s.uscc !== null)?.uscc ?? null,
    seal: combineSeals(read.map((s) => s.seal)),
  };
}

/** A file's check without its text (what an application and the database's summary keep). */
export function scanCheckOf(scan: FileScan | ScanCheck | null | undefined): ScanCheck | null {
  if (!scan) return null;
  return { pages: scan.pages, text_source: scan.text_source, uscc: scan.uscc, seal: scan.seal };
}
