// .xls and WPS .et (BIFF5/8 in an OLE2 file with a Workbook or Book stream at its root, or a bare
// Excel 2.x-4.0 BIFF stream) via SheetJS 0.20.3 from its
// @e965/xlsx registry mirror (xlsx@0.18 on npm carries unfixed advisories); cells are read as in
// workbook-blocks.ts.
import * as XLSX from '@e965/xlsx';
import type { ParsedDocument } from '../types.ts';
import { blocksToText } from './html-to-blocks.ts';
import { isBiffStream, isOle2 } from './magic.ts';
import { hasOleRootStream } from './ole-streams.ts';
import { isOutOfMemory, UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { WORKBOOK_READ_OPTIONS, workbookToBlocks } from './workbook-blocks.ts';

/** A BIFF workbook read whole; the corpus's 附件3 .xls files are under 10 KB. */
export const XLS_MAX_BYTES = 8 * 1024 * 1024;

export const xlsParser: FormatParser = {
  format: 'xls',
  confidence(probe: FileProbe): number {
    if (isBiffStream(probe.head)) return 1;
    if (!isOle2(probe.head)) return 0;
    if (hasOleRootStream(probe.head, 'Workbook') || hasOleRootStream(probe.head, 'Book')) return 1;
    return /\.(xls|et|xlt)$/i.test(probe.filename) ? 0.3 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    // SheetJS builds the whole workbook in memory (about 20× the file): a sample workbook past the
    // cap is recorded unread, as an .xlsx past its XML cap is (ooxml-size.ts).
    if (content.length > XLS_MAX_BYTES && isOle2(content))
      return { format: 'xls', blocks: [], text: '', partial: { unit: 'none', read: 0, total: content.length } };
    let wb: XLSX.WorkBook;
    try {
      wb = XLSX.read(content, WORKBOOK_READ_OPTIONS);
    } catch (err) {
      if (isOutOfMemory(err)) throw new UnreadableError(`xls: too large to read (${(err as Error).message})`, 'too_large');
      const message = (err as Error).message ?? String(err);
      throw new UnreadableError(`xls: ${message}`, /encrypt|password/i.test(message) ? 'encrypted' : 'corrupt');
    }
    const blocks = workbookToBlocks(wb);
    return { format: 'xls', blocks, text: blocksToText(blocks) };
  },
};
