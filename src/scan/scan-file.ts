// Reads one stamped-scan file: page count, the text (its text layer, else OCR of each page) and
// whether a page shows a red round seal. PDF pages are drawn with pdftoppm (image-only pages at
// their scan's own resolution); photos are one page each. Pages run in parallel within the shared
// slots. A page that fails (a tool missing, too slow, over its memory cap) only loses its own
// result, and the reason is kept with the file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileScan, FoundFile } from '../types.ts';
import { analyzePageInThread } from './analyze-page.ts';
import { findUscc } from './find-uscc.ts';
import { ocrPage } from './ocr.ts';
import { readPdfLayout } from './pdf-pages.ts';
import { clampPpi, rasterizePage } from './rasterize.ts';
import type { ScanTools } from './scan-tools.ts';
import type { Slots } from './slots.ts';
import { combineSeals } from './summarize-scans.ts';
import type { ToolLimits } from './tool-runner.ts';

export type ScanEnv = { tools: ScanTools; toolLimits: ToolLimits; threadLimits: ToolLimits; slots: Slots };

type PageResult = { seal: boolean | null; text: string; error?: string };

/** Drawing resolution for finding a seal on a text-layer page: a 1 mm ring line is 4 pixels. */
const TEXT_PAGE_PPI = 100;
/** An image-only page whose images say nothing of their resolution. */
const DEFAULT_SCAN_PPI = 150;
/**
 * A stamped scan is a few pages: past these, pages are not OCR'd (about a second each) nor drawn at
 * all, so a PDF of thousands of pages cannot hold an ingest job for hours. The count stays true.
 */
const MAX_OCR_PAGES = 30;
const MAX_DRAWN_PAGES = 200;

const message = (err: unknown): string => (err as Error)?.message ?? String(err);

async function scanPhoto(file: FoundFile, env: ScanEnv): Promise<FileScan> {
  const ocr = env.tools.tesseract;
  const page = await env.slots.run(async (): Promise<PageResult> => {
    try {
      const a = await analyzePageInThread({ image: file.content, photo: true, judgeSeal: true, forOcr: ocr }, env.threadLimits);
      const text = ocr && a.ocrPng ? await ocrPage(Buffer.from(a.ocrPng), a.pxPerMm * 25.4, env.toolLimits) : '';
      return { seal: a.seal, text };
    } catch (err) {
      return { seal: null, text: '', error: message(err) };
    }
  });
  const text = ocr ? page.text : null;
  return {
    pages: 1,
    text_source: ocr ? 'ocr' : null,
    uscc: text ? findUscc(text) : null,
    seal: page.seal,
    text,
    ...(page.error ? { error: page.error } : {}),
  };
}

/** Pages of a PDF that poppler cannot be asked about: a rough count of its page objects. */
function countPageObjects(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

async function scanPdf(file: FoundFile, env: ScanEnv): Promise<FileScan> {
  const layerText = file.parsed?.hasTextLayer ? file.parsed.text : null;
  const ocr = layerText === null && env.tools.tesseract;
  const textSource = layerText !== null ? 'text_layer' : ocr ? 'ocr' : null;
  if (!env.tools.poppler) {
    // Nothing can draw the pages: no seal can be judged and no OCR can run.
    return {
      pages: countPageObjects(file.content),
      text_source: layerText !== null ? 'text_layer' : null,
      uscc: layerText ? findUscc(layerText) : null,
      seal: null,
      text: layerText,
      error: 'poppler-utils not installed',
    };
  }
  // poppler reads files: a private folder per scan, removed whatever happens.
  const dir = await mkdtemp(join(tmpdir(), 'intake-scan-'));
  try {
    const path = join(dir, 'scan.pdf');
    await writeFile(path, file.content, { mode: 0o600 });
    const layout = await readPdfLayout(path, env.toolLimits);
    const pages = await Promise.all(
      Array.from({ length: Math.min(layout.pages, MAX_DRAWN_PAGES) }, (_, i) =>
        env.slots.run(async (): Promise<PageResult> => {
          const page = i + 1;
          const ocrThis = ocr && page <= MAX_OCR_PAGES;
          const images = layout.images.get(page);
          // A text-layer page is judged on how it prints (an electronic seal is an image on it);
          // an image-only page by its scan, and not at all when the scanner kept one channel.
          const judgeSeal = layerText !== null || !images?.greyscale;
          if (!judgeSeal && !ocrThis) return { seal: null, text: '' };
          const ppi = layerText !== null ? TEXT_PAGE_PPI : clampPpi(images?.ppi ?? DEFAULT_SCAN_PPI);
          try {
            const { data, width, height, channels } = await rasterizePage(path, page, ppi, env.toolLimits);
            const a = await analyzePageInThread(
              { image: data, raw: { width, height, channels }, photo: false, pxPerMm: ppi / 25.4, judgeSeal, forOcr: ocrThis },
              env.threadLimits,
            );
            const text = ocrThis && a.ocrPng ? await ocrPage(Buffer.from(a.ocrPng), ppi, env.toolLimits) : '';
            return { seal: a.seal, text };
          } catch (err) {
            return { seal: null, text: '', error: `page ${page}: ${message(err)}` };
          }
        }),
      ),
    );
    const text = layerText ?? (ocr ? pages.map((p) => p.text.trim()).join('\n\f\n') : null);
    const errors = pages.flatMap((p) => (p.error ? [p.error] : []));
    return {
      pages: layout.pages,
      text_source: textSource,
      uscc: text ? findUscc(text) : null,
      seal: combineSeals(pages.map((p) => p.seal)),
      text,
      ...(errors.length ? { error: errors.join('; ') } : {}),
    };
  } catch (err) {
    return { pages: countPageObjects(file.content), text_source: null, uscc: null, seal: null, text: layerText, error: message(err) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** null for a file that is not a readable PDF or image (it is not judged). */
export async function scanFile(file: FoundFile, env: ScanEnv): Promise<FileScan | null> {
  if (file.readable !== true) return null;
  if (file.format === 'image') return scanPhoto(file, env);
  if (file.format === 'pdf') return scanPdf(file, env);
  return null;
}
