// What each page of a PDF holds, from poppler: the page count (pdfinfo) and the images drawn on
// each page with their colour channels and resolution (pdfimages -list). A page whose images all
// have one channel was scanned in greyscale or black-and-white: a red seal cannot show on it.
import { runTool, type ToolLimits } from './tool-runner.ts';

export type PageImages = {
  /** 1-based page number. */
  page: number;
  /** Images drawn on the page (soft masks and stencils excluded). */
  images: number;
  /** Every image has one colour channel (greyscale or bilevel); false when the page has none. */
  greyscale: boolean;
  /** Highest horizontal resolution of its images, pixels per inch; null when it has none. */
  ppi: number | null;
};

/** `Pages:` of pdfinfo's report. */
export function parsePdfInfoPages(report: string): number | null {
  const m = /^Pages:\s+(\d+)/m.exec(report);
  return m ? Number(m[1]) : null;
}

/** One colour channel: DeviceGray, a one-channel ICC profile, or 1-bit images (not a palette). */
function isOneChannel(color: string, comp: number): boolean {
  if (color === 'index') return false; // a palette may hold any colour
  return comp === 1 && color !== 'rgb' && color !== 'cmyk';
}

/**
 * Rows of `pdfimages -list`: page num type width height color comp bpc enc interp object ID x-ppi
 * y-ppi size ratio. Pages without images are absent from the result.
 */
export function parsePdfImagesList(report: string): Map<number, PageImages> {
  const pages = new Map<number, PageImages & { oneChannel: number }>();
  for (const line of report.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 14 || !/^\d+$/.test(cols[0])) continue;
    const [pageText, , type, , , color, compText] = cols;
    if (type !== 'image') continue;
    const page = Number(pageText);
    const ppi = Number(cols[12]);
    const entry = pages.get(page) ?? { page, images: 0, greyscale: false, ppi: null, oneChannel: 0 };
    entry.images++;
    if (isOneChannel(color, Number(compText))) entry.oneChannel++;
    if (Number.isFinite(ppi) && ppi > 0) entry.ppi = Math.max(entry.ppi ?? 0, ppi);
    pages.set(page, entry);
  }
  const out = new Map<number, PageImages>();
  for (const [page, { oneChannel, ...p }] of pages) out.set(page, { ...p, greyscale: oneChannel === p.images });
  return out;
}

export type PdfLayout = { pages: number; images: Map<number, PageImages> };

/** Page count and images of the PDF at `path` (a private temporary file). */
export async function readPdfLayout(path: string, limits: ToolLimits): Promise<PdfLayout> {
  const info = (await runTool({ cmd: 'pdfinfo', args: [path], limits })).toString('utf8');
  const pages = parsePdfInfoPages(info);
  if (pages === null) throw new Error('pdfinfo: no page count');
  const list = (await runTool({ cmd: 'pdfimages', args: ['-list', path], limits })).toString('utf8');
  return { pages, images: parsePdfImagesList(list) };
}
