// .docx (and .docm: macros are never run, only document.xml is read) through mammoth's HTML output:
// tables, merged cells and tick symbols (including Wingdings symbol fields) survive it; raw text does not.
import mammoth from 'mammoth';
import type { ParsedDocument } from '../types.ts';
import { blocksToText, htmlToBlocks } from './html-to-blocks.ts';
import { isZip, ooxmlKind } from './magic.ts';
import { assertNoDoctype } from './ooxml-doctype.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';

export const docxParser: FormatParser = {
  format: 'docx',
  confidence(probe: FileProbe): number {
    if (!isZip(probe.head)) return 0;
    // The zip's own directory decides; a substring search would also see the part names of a
    // .docx stored uncompressed inside an ordinary zip.
    const kind = ooxmlKind(probe.head);
    if (kind === 'docx') return 1;
    if (kind !== null) return 0;
    if (ooxmlKind(probe.head, true) === 'docx') return 0.8;
    // A Word name on a zip without Word parts: try it; a failed parse falls back to the archive.
    if (/\.(docx|docm|dotx|dotm)$/i.test(probe.filename)) return 0.9;
    return /wordprocessingml/i.test(probe.contentType) ? 0.9 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    await assertNoDoctype('docx', content);
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: content })).value;
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      throw new UnreadableError(`docx: ${message}`, /encrypt/i.test(message) ? 'encrypted' : 'corrupt');
    }
    const blocks = htmlToBlocks(html);
    return { format: 'docx', blocks, text: blocksToText(blocks) };
  },
};
