// PDF via pdf-parse 2 (pdfjs). CJK text drawn with non-embedded fonts needs pdfjs's CMaps, or it
// comes out empty. A PDF whose pages carry (almost) no text is a scan: readable, hasTextLayer
// false. A password-protected PDF is unreadable.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFParse, VerbosityLevel } from 'pdf-parse';
import type { Block, ParsedDocument } from '../types.ts';
import { isPdf } from './magic.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';

const require = createRequire(import.meta.url);

function pdfjsDir(): string {
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

/** A page with fewer meaningful characters than this is treated as an image (stamp, signature). */
const MIN_TEXT_CHARS_PER_DOCUMENT = 20;

const PAGE_BREAK = '\f';

export const pdfParser: FormatParser = {
  format: 'pdf',
  confidence(probe: FileProbe): number {
    if (isPdf(probe.head)) return 1;
    return /\.pdf$/i.test(probe.filename) || /application\/pdf/i.test(probe.contentType) ? 0.2 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    if (!isPdf(content)) throw new UnreadableError('pdf: no PDF header', 'corrupt');
    const base = pdfjsDir();
    const parser = new PDFParse({
      data: new Uint8Array(content),
      cMapUrl: `${join(base, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${join(base, 'standard_fonts')}/`,
      verbosity: VerbosityLevel.ERRORS,
    });
    try {
      const result = await parser.getText({ pageJoiner: PAGE_BREAK });
      const pages = result.pages.map((p) => p.text.replace(/\r/g, ''));
      const meaningful = pages.join('').replace(/[\s\u3000]/g, '').length;
      const blocks: Block[] = pages
        .flatMap((p) => p.split('\n'))
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => ({ type: 'paragraph', text: l }));
      return { format: 'pdf', blocks, text: pages.join('\n').trim(), hasTextLayer: meaningful >= MIN_TEXT_CHARS_PER_DOCUMENT };
    } catch (err) {
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
