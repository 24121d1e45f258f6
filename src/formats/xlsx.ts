// .xlsx (and .xlsm: macros are never run) via SheetJS, the reader .xls already uses, so both
// read alike: merged ranges from their master cell, rich text joined, cached formula results,
// values as the sheet displays them. exceljs was dropped here: it expands every range it reads
// (a data validation over A1:XFD1048576 exhausts memory, exceljs issue #1842) and its
// `columnCount` walks every row, which made reading a sheet quadratic.
import * as XLSX from '@e965/xlsx';
import type { Block, ParsedDocument } from '../types.ts';
import { blocksToText } from './html-to-blocks.ts';
import { isOle2, isZip, ooxmlKind } from './magic.ts';
import { hasOleRootStream } from './ole-streams.ts';
import { assertNoDoctype } from './ooxml-doctype.ts';
import { declaredXmlBytes, OOXML_MAX_XML_BYTES, unreadPackage } from './ooxml-size.ts';
import { isOutOfMemory, UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { WORKBOOK_READ_OPTIONS, workbookToBlocks } from './workbook-blocks.ts';

export const xlsxParser: FormatParser = {
  format: 'xlsx',
  confidence(probe: FileProbe): number {
    // An encrypted .xlsx is an OLE2 file holding an EncryptedPackage stream.
    if (hasOleRootStream(probe.head, 'EncryptedPackage') && /\.(xlsx|xlsm)$/i.test(probe.filename)) return 0.95;
    if (!isZip(probe.head)) return 0;
    const kind = ooxmlKind(probe.head);
    if (kind === 'xlsx') return 1;
    if (kind !== null) return 0;
    if (ooxmlKind(probe.head, true) === 'xlsx') return 0.8;
    return /\.(xlsx|xlsm|xltx)$/i.test(probe.filename) || /spreadsheetml/i.test(probe.contentType) ? 0.9 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    if (isOle2(content)) throw new UnreadableError('xlsx: password-protected workbook', 'encrypted');
    const xmlBytes = await declaredXmlBytes('xlsx', content);
    await assertNoDoctype('xlsx', content);
    if (xmlBytes > OOXML_MAX_XML_BYTES.xlsx) return unreadPackage('xlsx', xmlBytes);
    let blocks: Block[];
    try {
      blocks = workbookToBlocks(XLSX.read(content, WORKBOOK_READ_OPTIONS));
    } catch (err) {
      if (isOutOfMemory(err)) throw new UnreadableError(`xlsx: too large to read (${(err as Error).message})`, 'too_large');
      throw new UnreadableError(`xlsx: ${(err as Error).message ?? String(err)}`, 'corrupt');
    }
    return { format: 'xlsx', blocks, text: blocksToText(blocks) };
  },
};
