// .json and .txt (dataset samples, notes): readable text, one paragraph per non-empty line.
import type { Block, DocFormat, ParsedDocument } from '../types.ts';
import { extensionOf, imageType, isOle2, isPdf, isZip } from './magic.ts';
import { UnreadableError, type FileProbe, type FormatParser, type ParseInfo } from './parser.ts';
import { textHead } from './text-head.ts';
import { decodeTextFile, looksLikeText } from './text-decode.ts';

const JSON_EXT = new Set(['json', 'jsonl', 'ndjson', 'geojson']);
const TEXT_EXT = new Set(['txt', 'md', 'log', 'xml', 'yaml', 'yml', 'sql']);

function textParser(format: Extract<DocFormat, 'json' | 'txt'>, exts: Set<string>, typePattern: RegExp): FormatParser {
  return {
    format,
    confidence(probe: FileProbe): number {
      if (isZip(probe.head) || isOle2(probe.head) || isPdf(probe.head) || imageType(probe.head)) return 0;
      const named = exts.has(extensionOf(probe.filename)) || typePattern.test(probe.contentType);
      if (!looksLikeText(probe.head)) return 0;
      if (named) return 0.85;
      if (format === 'json' && /^\s*[[{]/.test(probe.head.subarray(0, 64).toString('latin1'))) return 0.4;
      return format === 'txt' ? 0.1 : 0;
    },
    async parse(content: Buffer, info?: ParseInfo): Promise<ParsedDocument> {
      if (content.length === 0) throw new UnreadableError(`${format}: empty file`, 'empty');
      const { head, partial } = textHead(content, info);
      const text = decodeTextFile(head);
      const blocks: Block[] = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => ({ type: 'paragraph', text: l }));
      return { format, blocks, text, ...(partial && { partial }) };
    },
  };
}

export const jsonParser = textParser('json', JSON_EXT, /json/i);
export const txtParser = textParser('txt', TEXT_EXT, /^text\/plain/i);
