// .csv (and .tsv): UTF-8 or GBK (Excel on Chinese Windows saves CSV in GBK), one table block.
import type { Cell, ParsedDocument } from '../types.ts';
import { blocksToText } from './html-to-blocks.ts';
import { extensionOf, imageType, isOle2, isPdf, isZip } from './magic.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { decodeTextFile, looksLikeText } from './text-decode.ts';

/** RFC 4180 with the usual leniencies (bare quotes inside fields kept as text). */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';', '|'].map((d) => [d, firstLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 1 ? counts[0][0] : ',';
}

export const csvParser: FormatParser = {
  format: 'csv',
  confidence(probe: FileProbe): number {
    if (isZip(probe.head) || isOle2(probe.head) || isPdf(probe.head) || imageType(probe.head)) return 0;
    const ext = extensionOf(probe.filename);
    const named = ext === 'csv' || ext === 'tsv' || /text\/(csv|tab-separated-values)/i.test(probe.contentType);
    if (!named) return 0;
    return looksLikeText(probe.head) ? 0.9 : 0.2;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    if (content.length === 0) throw new UnreadableError('csv: empty file', 'empty');
    const text = decodeTextFile(content);
    const rows: Cell[][] = parseCsv(text, guessDelimiter(text)).map((r) => r.map((f) => ({ text: f.trim() })));
    const blocks = [{ type: 'table' as const, rows }];
    return { format: 'csv', blocks, text: blocksToText(blocks) };
  },
};
