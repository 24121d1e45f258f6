// PDF via pdf-parse 2 (pdfjs). CJK text drawn with non-embedded fonts needs pdfjs's CMaps, or it
// comes out empty. A PDF whose pages carry (almost) no text is a scan: readable, hasTextLayer
// false. A password-protected PDF is unreadable.
// pdf-parse is loaded with the first PDF, not with the parsers: it brings pdfjs and a native
// canvas (Skia) that take about 40 MB of a parse process that may never see a PDF. It is
// required (its CommonJS build), not imported: from the TypeScript sources, an import() would
// pass pdfjs through tsx's loader, which took 300 MB more per process (require never does).
// From the compiled build both are the same.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Block, ParsedDocument } from '../types.ts';
import { isPdf } from './magic.ts';
import { isOutOfMemory, UnreadableError, type FileProbe, type FormatParser } from './parser.ts';

const require = createRequire(import.meta.url);

function pdfjsDir(): string {
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

/** A page with fewer meaningful characters than this is treated as an image (stamp, signature). */
const MIN_TEXT_CHARS_PER_DOCUMENT = 20;

const PAGE_BREAK = '\f';

/**
 * Pages whose text is read. Enough for any form or stamped scan (a few dozen pages); past it the
 * rest is left unread and the document says so (`partial`), so a PDF of 100,000 tiny pages costs
 * what its first pages cost rather than 1.2 GB and the time limit.
 */
export const PDF_MAX_PAGES = 200;

export const pdfParser: FormatParser = {
  format: 'pdf',
  confidence(probe: FileProbe): number {
    if (isPdf(probe.head)) return 1;
    return /\.pdf$/i.test(probe.filename) || /application\/pdf/i.test(probe.contentType) ? 0.2 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    if (!isPdf(content)) throw new UnreadableError('pdf: no PDF header', 'corrupt');
    const { PDFParse, VerbosityLevel } = require('pdf-parse') as typeof import('pdf-parse');
    const base = pdfjsDir();
    const parser = new PDFParse({
      data: new Uint8Array(content),
      cMapUrl: `${join(base, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${join(base, 'standard_fonts')}/`,
      verbosity: VerbosityLevel.ERRORS,
    });
    try {
      const result = await parser.getText({ pageJoiner: PAGE_BREAK, first: PDF_MAX_PAGES });
      const pages = result.pages.map((p) => p.text.replace(/\r/g, ''));
      const meaningful = pages.join('').replace(/[\s\u3000]/g, '').length;
      const blocks: Block[] = pages
        .flatMap((p) => p.split('\n'))
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => ({ type: 'paragraph', text: l }));
      const text = pages.join('\n').trim();
      const hasTextLayer = meaningful >= MIN_TEXT_CHARS_PER_DOCUMENT;
      const partial = result.total > pages.length ? { unit: 'pages' as const, read: pages.length, total: result.total } : undefined;
      return { format: 'pdf', blocks, text, hasTextLayer, ...(partial && { partial }) };
    } catch (err) {
      if (isOutOfMemory(err)) throw new UnreadableError(`pdf: too large to read (${(err as Error).message})`, 'too_large');
      const e = err as Error;
      if (e.name === 'PasswordException' || /password|encrypt/i.test(e.message ?? '')) {
        throw new UnreadableError('pdf: password-protected', 'encrypted');
      }
      throw new UnreadableError(`pdf: ${e.message ?? String(err)}`, 'corrupt');
    } finally {
      await parser.destroy().catch(() => undefined);
    }
  },
};
