// .xls and WPS .et (BIFF5/8 in an OLE2 file with a Workbook or Book stream at its root, or a bare
// Excel 2.x-4.0 BIFF stream) via SheetJS 0.20.3 from its
// @e965/xlsx registry mirror (xlsx@0.18 on npm carries unfixed advisories); cells are read as in
// workbook-blocks.ts.
import * as XLSX from '@e965/xlsx';
import type { ParsedDocument } from '../types.ts';
import { blocksToText } from './html-to-blocks.ts';
import { isBiffStream, isOle2 } from './magic.ts';
import { hasOleRootStream } from './ole-streams.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { WORKBOOK_READ_OPTIONS, workbookToBlocks } from './workbook-blocks.ts';

export const xlsParser: FormatParser = {
  format: 'xls',
  confidence(probe: FileProbe): number {
    if (isBiffStream(probe.head)) return 1;
    if (!isOle2(probe.head)) return 0;
    if (hasOleRootStream(probe.head, 'Workbook') || hasOleRootStream(probe.head, 'Book')) return 1;
    return /\.(xls|et|xlt)$/i.test(probe.filename) ? 0.3 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    let wb: XLSX.WorkBook;
    try {
      wb = XLSX.read(content, WORKBOOK_READ_OPTIONS);
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      throw new UnreadableError(`xls: ${message}`, /encrypt|password/i.test(message) ? 'encrypted' : 'corrupt');
    }
    const blocks = workbookToBlocks(wb);
    return { format: 'xls', blocks, text: blocksToText(blocks) };
  },
};
