// .doc and .wps (Word 97 binary; WPS Office saves .wps in this format): word-extractor, pure JS.
// Word 6.0/95 .doc files are recognised and reported as an unsupported format.
// Its default clean-up turns cell and row marks into tabs and newlines, which loses where a cell
// with several paragraphs ends, so we load it with a clean-up that keeps the marks as private-use
// characters and rebuild tables ourselves (word97-blocks.ts).
import { createRequire } from 'node:module';
import type { ParsedDocument } from '../types.ts';
import { blocksToText } from './html-to-blocks.ts';
import { isOle2 } from './magic.ts';
import { hasOleRootStream, oleRootStream } from './ole-streams.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { CELL, PARA, word97TextToBlocks } from './word97-blocks.ts';

type WordDocument = { getBody(options?: { filterUnicode?: boolean }): string };
type WordExtractorClass = new () => { extract(source: Buffer | string): Promise<WordDocument> };

const require = createRequire(import.meta.url);

/** Same as word-extractor's own clean() except that structural marks survive. */
function keepMarksClean(text: string): string {
  let s = text.replace(/[\x02\x05\x07\x08\x0a\x0b\x0c\x0d\x1e\x1f]/g, (m) => {
    switch (m) {
      case '\x07':
        return CELL;
      case '\x0d':
        return PARA;
      case '\x0a':
        return '\n'; // word-extractor writes the row-end (TTP) paragraph as \n
      case '\x0b':
        return '\u2028'; // manual line break inside a paragraph
      case '\x0c':
        return PARA; // page or section break
      case '\x1e':
        return '\u2011';
      default:
        return '\x00';
    }
  });
  // Fields: keep the displayed result, drop the instruction (non-nesting model, repeated).
  let changed = true;
  while (changed) {
    changed = false;
    s = s.replace(/\x13[^\x13\x14\x15]*\x14?([^\x13\x14\x15]*)\x15/g, (_m, result: string) => {
      changed = true;
      return result;
    });
  }
  return s.replace(/[\x00-\x08]/g, '');
}

function loadWordExtractor(): WordExtractorClass {
  const filters = require('word-extractor/lib/filters.js') as { clean: (s: string) => string };
  filters.clean = keepMarksClean;
  // word-ole-extractor binds clean() when it is first loaded: make sure it loads after the patch.
  for (const mod of ['word-extractor/lib/word-ole-extractor.js', 'word-extractor/lib/word.js', 'word-extractor']) {
    delete require.cache[require.resolve(mod)];
  }
  return require('word-extractor') as WordExtractorClass;
}

let extractorClass: WordExtractorClass | null = null;

/** Word 97 and later write nFib 0x00C1 or more; Word 6.0 wrote 0x0065, Word 95 0x0068. */
const WORD97_NFIB = 0xc1;
const WORD_FIB_IDENT = 0xa5ec;

/**
 * Word 6.0/95 files are OLE2 with a WordDocument stream too, but keep their text tables inside
 * it (no 0Table/1Table stream), which word-extractor cannot read: it fails as if the file were
 * corrupt. Say what it is instead, so the applicant is asked for a format we read.
 */
function rejectPreWord97(content: Buffer): void {
  const fib = oleRootStream(content, 'WordDocument');
  if (!fib || fib.length < 4 || fib.readUInt16LE(0) !== WORD_FIB_IDENT) return;
  const nFib = fib.readUInt16LE(2);
  if (nFib >= WORD97_NFIB) return;
  throw new UnreadableError(
    `doc: Word 6.0/95 document (nFib 0x${nFib.toString(16)}): this format is not supported; save it as .docx or Word 97-2003 .doc`,
    'unsupported',
  );
}

export const docParser: FormatParser = {
  format: 'doc',
  confidence(probe: FileProbe): number {
    if (!isOle2(probe.head)) return 0;
    if (hasOleRootStream(probe.head, 'WordDocument')) return 1;
    return /\.(doc|wps|dot)$/i.test(probe.filename) ? 0.3 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    rejectPreWord97(content);
    extractorClass ??= loadWordExtractor();
    let body: string;
    try {
      body = (await new extractorClass().extract(content)).getBody({ filterUnicode: false });
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      throw new UnreadableError(`doc: ${message}`, /encrypt|password/i.test(message) ? 'encrypted' : 'corrupt');
    }
    const blocks = word97TextToBlocks(body);
    return { format: 'doc', blocks, text: blocksToText(blocks) };
  },
};
