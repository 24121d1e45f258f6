// .docx (and .docm: macros are never run, only document.xml is read) through mammoth's HTML output:
// tables, merged cells and tick symbols (including Wingdings symbol fields) survive it; raw text does not.
import { createRequire } from 'node:module';
import type { ParsedDocument } from '../types.ts';
import { blocksToText, htmlToBlocks } from './html-to-blocks.ts';
import { isZip, ooxmlKind } from './magic.ts';
import { assertNoDoctype } from './ooxml-doctype.ts';
import { declaredXmlBytes, OOXML_MAX_XML_BYTES, unreadPackage } from './ooxml-size.ts';
import { isOutOfMemory, UnreadableError, type FileProbe, type FormatParser } from './parser.ts';

const require = createRequire(import.meta.url);

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
    const xmlBytes = await declaredXmlBytes('docx', content);
    await assertNoDoctype('docx', content);
    if (xmlBytes > OOXML_MAX_XML_BYTES.docx) return unreadPackage('docx', xmlBytes);
    // Loaded here rather than with the parsers: a parse process that never sees a .docx is smaller.
    // require, not import(): see pdf.ts.
    const mammoth = require('mammoth') as typeof import('mammoth');
    let html: string;
    try {
      // Pictures are left out, not inlined as base64 (mammoth's default): the readers use text and
      // tables only, and a form with a few photos would otherwise carry them all as strings.
      const convertImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));
      html = (await mammoth.convertToHtml({ buffer: content }, { convertImage })).value;
    } catch (err) {
      if (isOutOfMemory(err)) throw new UnreadableError(`docx: too large to read (${(err as Error).message})`, 'too_large');
      const message = (err as Error).message ?? String(err);
      throw new UnreadableError(`docx: ${message}`, /encrypt/i.test(message) ? 'encrypted' : 'corrupt');
    }
    const blocks = htmlToBlocks(html);
    return { format: 'docx', blocks, text: blocksToText(blocks) };
  },
};
