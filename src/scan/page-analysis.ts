// One page image (a drawn PDF page or a photo) → whether it shows a seal, and the image to OCR.
// Runs in a worker thread (page-worker.ts): decoding and walking every pixel of a page takes tens
// of milliseconds per page, which the ingest worker's event loop must not wait through.
import sharp from 'sharp';
import { applyLevels, stretchLevels } from './ocr-levels.ts';
import { findSeal, type RgbImage, type SealRing } from './seal-detect.ts';

export type PageInput = {
  /** A photo as sent (JPEG, PNG…), or a drawn PDF page's RGB pixels (with `raw`). */
  image: Uint8Array;
  raw?: { width: number; height: number; channels: 3 };
  /** A photo: its scale is estimated from the page filling the frame, its channels say greyscale. */
  photo: boolean;
  /** PDF pages: the scale the page was drawn at. */
  pxPerMm?: number;
  /** PDF pages: false for a page scanned in greyscale (decided from the PDF's images). */
  judgeSeal: boolean;
  /** Prepare the image for OCR (not needed for a page with a text layer). */
  forOcr: boolean;
};

export type PageAnalysis = {
  /** null: cannot judge (greyscale). */
  seal: boolean | null;
  ring: SealRing | null;
  pxPerMm: number;
  /** Red channel with levels stretched, as PNG; null unless asked for. */
  ocrPng: Uint8Array | null;
};

/** A decompression bomb stops here: well above an A4 page at 600 ppi (35 Mpx). */
const MAX_PIXELS = 80_000_000;
const A4_MM: readonly [number, number] = [210, 297];

/** A photo of one page: the page fills the frame as far as its shape allows. */
function photoPxPerMm(width: number, height: number): number {
  const [short, long] = width <= height ? [width, height] : [height, width];
  return Math.min(short / A4_MM[0], long / A4_MM[1]);
}

/** A photo's pixels as RGB, upright; `greyscale` when it was stored with one channel. */
async function decodePhoto(bytes: Uint8Array): Promise<{ img: RgbImage; greyscale: boolean }> {
  const source = sharp(bytes, { limitInputPixels: MAX_PIXELS });
  const meta = await source.metadata();
  // One channel (with or without alpha) or bilevel: the camera or scanner kept no colour.
  const greyscale = (meta.channels ?? 3) <= 2 || meta.space === 'b-w';
  const { data, info } = await source
    .rotate() // a phone photo's EXIF orientation
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { img: { data, width: info.width, height: info.height, channels: info.channels }, greyscale };
}

export async function analyzePage(input: PageInput): Promise<PageAnalysis> {
  const { img, greyscale } = input.raw ? { img: { data: input.image, ...input.raw }, greyscale: false } : await decodePhoto(input.image);
  const pxPerMm = input.pxPerMm ?? photoPxPerMm(img.width, img.height);
  let seal: boolean | null = null;
  let ring: SealRing | null = null;
  if (input.judgeSeal && !greyscale) {
    // A photo's scale is a guess (margins around the page make it smaller): allow more on size.
    ring = findSeal(img, { pxPerMm, sizeSlack: input.photo ? 0.35 : 0.1 });
    seal = ring !== null;
  }
  let ocrPng: Uint8Array | null = null;
  if (input.forOcr) {
    const red = applyLevels(img.data, img.channels, 0, stretchLevels(img.data, img.channels, 0));
    ocrPng = await sharp(red, { raw: { width: img.width, height: img.height, channels: 1 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
  }
  return { seal, ring, pxPerMm, ocrPng };
}
