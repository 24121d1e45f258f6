// .docx (and .docm: macros are never run, only document.xml is read) through mammoth's HTML output:
// tables, merged cells and tick symbols (including Wingdings symbol fields) survive it; raw text does not.
import mammoth from 'mammoth';
import type { ParsedDocument } from '../types.ts';
import { blocksToText, htmlToBlocks } from './html-to-blocks.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export const docxParser: FormatParser = {
  format: 'docx',
  confidence(probe: FileProbe): number {
    if (!probe.head.subarray(0, 4).equals(ZIP_MAGIC)) return 0;
    // A zip is a docx only if it holds word/document.xml; the registry confirms by parsing.
    if (/\.(docx|docm|dotx|dotm)$/i.test(probe.filename)) return 0.9;
    if (/wordprocessingml/i.test(probe.contentType)) return 0.9;
    return probe.head.includes(Buffer.from('word/')) ? 0.8 : 0.1;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
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
