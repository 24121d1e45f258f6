// Which of the OCR and PDF tools this machine has (Debian: tesseract-ocr, tesseract-ocr-chi-sim,
// poppler-utils; scripts/ocr-up.sh installs them). Without them the service still runs: scans are
// then not read (scan.text_source null), and start-up says so once in the log.
import { loadOcrEnabled } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { runTool, type ToolLimits } from './tool-runner.ts';

export type ScanTools = {
  /** pdftoppm, pdfimages and pdfinfo (poppler-utils): rasterizing PDF pages and finding their images. */
  poppler: boolean;
  /** tesseract with the Simplified Chinese language data. */
  tesseract: boolean;
};

const PROBE_LIMITS: ToolLimits = { timeoutMs: 15_000, memoryMb: 512 };

async function answers(cmd: string, args: string[]): Promise<string | null> {
  try {
    return (await runTool({ cmd, args, limits: PROBE_LIMITS })).toString('utf8');
  } catch {
    return null;
  }
}

async function probe(): Promise<ScanTools> {
  const [pdftoppm, pdfimages, pdfinfo, langs] = await Promise.all([
    answers('pdftoppm', ['-v']),
    answers('pdfimages', ['-v']),
    answers('pdfinfo', ['-v']),
    answers('tesseract', ['--list-langs']),
  ]);
  return {
    poppler: pdftoppm !== null && pdfimages !== null && pdfinfo !== null,
    // INTAKE_OCR=off: as if tesseract were missing (seals and text layers are still read).
    tesseract: langs !== null && /^chi_sim$/m.test(langs) && loadOcrEnabled(),
  };
}

let cached: Promise<ScanTools> | undefined;

/** Probed once per process. */
export function scanTools(): Promise<ScanTools> {
  cached ??= probe();
  return cached;
}

/** What is missing, in words for the log; null when everything is there. */
export function missingToolsMessage(tools: ScanTools): string | null {
  const missing = [
    ...(tools.poppler ? [] : ['poppler-utils (pdftoppm, pdfimages, pdfinfo)']),
    ...(tools.tesseract ? [] : ['tesseract-ocr with tesseract-ocr-chi-sim']),
  ];
  if (missing.length === 0) return null;
  return `stamped scans will not be fully read: ${missing.join(' and ')} not found or turned off (INTAKE_OCR=off); run scripts/ocr-up.sh or apt-get install them`;
}

/** Start-up check of the roles that read mail: one warning when a tool is missing. */
export async function warnIfScanToolsMissing(logger: Logger): Promise<void> {
  const message = missingToolsMessage(await scanTools());
  if (message) logger.warn({ component: 'scan' }, message);
}
