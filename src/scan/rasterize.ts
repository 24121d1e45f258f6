// One PDF page to pixels with poppler's pdftoppm, at a given resolution. A scanned page is drawn at
// its scan's own resolution: one page pixel per scanned pixel, nothing invented or lost. The page
// comes as a binary PPM (P6) on standard output: no PNG to encode and decode again, which took
// eight times longer than drawing the page itself.
import { runTool, type ToolLimits } from './tool-runner.ts';

/** Bounds on the drawing resolution: past 400 ppi OCR gains nothing and memory grows fast. */
export const MIN_PPI = 72;
export const MAX_PPI = 400;

export type RgbPage = { data: Uint8Array; width: number; height: number; channels: 3 };

export function clampPpi(ppi: number): number {
  return Math.round(Math.min(MAX_PPI, Math.max(MIN_PPI, ppi)));
}

/** The pixels of a binary PPM ("P6", one byte per sample); throws on anything else. */
export function parsePpm(ppm: Buffer): RgbPage {
  // Header: P6, width, height, maxval, each separated by whitespace (comments start with #).
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4 && i < ppm.length && i < 1024) {
    const c = ppm[i];
    if (c === 0x23) {
      while (i < ppm.length && ppm[i] !== 0x0a) i++;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
    } else {
      const start = i;
      while (i < ppm.length && ![0x20, 0x0a, 0x0d, 0x09].includes(ppm[i])) i++;
      fields.push(ppm.toString('latin1', start, i));
    }
  }
  const [magic, w, h, max] = fields;
  const width = Number(w);
  const height = Number(h);
  if (magic !== 'P6' || max !== '255' || !(width > 0) || !(height > 0)) throw new Error('pdftoppm: not an 8-bit binary PPM');
  const start = i + 1; // exactly one whitespace byte ends the header
  const size = width * height * 3;
  if (ppm.length - start < size) throw new Error('pdftoppm: truncated page image');
  return { data: ppm.subarray(start, start + size), width, height, channels: 3 };
}

/** Pixels of page `page` (1-based) of the PDF at `path`. */
export async function rasterizePage(path: string, page: number, ppi: number, limits: ToolLimits): Promise<RgbPage> {
  const r = String(clampPpi(ppi));
  // -singlefile without an output root: the page comes on standard output, no file to clean up.
  const ppm = await runTool({ cmd: 'pdftoppm', args: ['-r', r, '-f', String(page), '-l', String(page), '-singlefile', path], limits });
  return parsePpm(ppm);
}
