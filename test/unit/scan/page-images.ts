// Generated page images for the seal and scan tests: an A4 page drawn from SVG (in millimetres)
// by sharp at a chosen resolution, so no binary fixture is committed.
import sharp from 'sharp';

export const SEAL_RED = '#dc1e28';

/** A round official seal: a red ring, a star and a band of "characters" inside the ring. */
export function sealSvg(cx: number, cy: number, diameterMm = 40, color = SEAL_RED): string {
  const r = diameterMm / 2;
  const chars = Array.from({ length: 14 }, (_, i) => {
    const a = Math.PI * (0.8 + (1.4 * i) / 13);
    const x = cx + Math.cos(a) * r * 0.75;
    const y = cy + Math.sin(a) * r * 0.75;
    return `<rect x="${x - 1.6}" y="${y - 1.6}" width="3.2" height="3.2" fill="${color}"/>`;
  }).join('');
  const star = [0, 1, 2, 3, 4]
    .flatMap((i) => {
      const a = -Math.PI / 2 + (i * 2 * Math.PI) / 5;
      const b = a + Math.PI / 5;
      return [
        `${cx + Math.cos(a) * r * 0.3},${cy + Math.sin(a) * r * 0.3}`,
        `${cx + Math.cos(b) * r * 0.12},${cy + Math.sin(b) * r * 0.12}`,
      ];
    })
    .join(' ');
  // Ink multiplies with what is under it: the text stays visible through the seal, as on paper.
  return `<g style="mix-blend-mode:multiply"><circle cx="${cx}" cy="${cy}" r="${r - 0.6}" fill="none" stroke="${color}" stroke-width="1.2"/>${chars}<polygon points="${star}" fill="${color}"/></g>`;
}

/** Black form lines and "characters" (glyph-like strokes, 0.4 mm thick), like a filled-in table. */
export function formSvg(): string {
  const rows = Array.from(
    { length: 12 },
    (_, i) => `<line x1="20" y1="${60 + i * 15}" x2="190" y2="${60 + i * 15}" stroke="#111" stroke-width="0.4"/>`,
  );
  const glyph = (x: number, y: number) =>
    `<path d="M${x},${y} h5 M${x + 2.5},${y} v5 M${x},${y + 2.5} h5 M${x},${y + 5} h5" stroke="#222" stroke-width="0.4" fill="none"/>`;
  const text = Array.from({ length: 11 }, (_, i) => Array.from({ length: 14 }, (_, j) => glyph(60 + j * 8, 64 + i * 15)).join(''));
  return [...rows, ...text].join('');
}

/** Raw RGB pixels of an A4 page with `body` drawn on white, at `ppi`. */
export async function pagePixels(body: string, ppi = 100): Promise<{ data: Uint8Array; width: number; height: number; channels: number }> {
  const width = Math.round((210 / 25.4) * ppi);
  const height = Math.round((297 / 25.4) * ppi);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 210 297"><rect width="210" height="297" fill="#fafaf8"/>${body}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** The same page as an encoded image (JPEG by default); `grey` keeps one channel, as a greyscale scanner does. */
export async function pageImage(body: string, opts: { ppi?: number; grey?: boolean; format?: 'jpeg' | 'png' } = {}): Promise<Buffer> {
  const { data, width, height, channels } = await pagePixels(body, opts.ppi ?? 100);
  let img = sharp(data, { raw: { width, height, channels: channels as 3 } });
  if (opts.grey) img = img.toColourspace('b-w');
  return opts.format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 85 }).toBuffer();
}
