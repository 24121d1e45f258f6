// Checks on the files themselves: which materials came, which cannot be read, which are scans.
import type { FoundFile } from '../types.ts';
import type { Finding, RuleInput } from './rule-types.ts';

/** A material is present when any file, archive members included, is of that kind, readable or not. */
export function missingMaterials({ x, campaign }: RuleInput): Finding[] {
  const present = new Set(x.files.map((f) => f.kind));
  return campaign.requiredMaterials.filter((kind) => !present.has(kind)).map((kind) => ({ key: kind, params: { kind } }));
}

/** One finding per distinct unreadable file name, in file order, with why (the first file's reason). */
export function unreadableFiles({ x }: RuleInput): Finding[] {
  const reasons = new Map<string, string>();
  for (const f of x.files) if (f.readable === false && !reasons.has(f.filename)) reasons.set(f.filename, f.unreadableReason ?? '');
  return [...reasons].map(([filename, reason]) => ({ key: filename, params: { filename, reason } }));
}

function isScannedPdf(f: FoundFile): boolean {
  return f.readable !== false && f.format === 'pdf' && f.parsed?.hasTextLayer === false;
}

/** Once per email, naming the scans; an unreadable PDF is reported as unreadable instead. */
export function scannedPdfs({ x }: RuleInput): Finding[] {
  const scans = x.files.filter(isScannedPdf).map((f) => f.filename);
  return scans.length > 0 ? [{ params: { filenames: scans.join('、') } }] : [];
}
