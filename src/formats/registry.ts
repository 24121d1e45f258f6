// Picks the parser that is most sure of a file (bytes first, name second) and runs it.
import type { DocFormat, ParsedDocument } from '../types.ts';
import { rarParser, sevenZipParser, zipParser } from './archive.ts';
import { csvParser } from './csv.ts';
import { docParser } from './doc.ts';
import { docxParser } from './docx.ts';
import { imageParser } from './image.ts';
import { extensionOf, hasOleStream, isZip } from './magic.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { pdfParser } from './pdf.ts';
import { jsonParser, txtParser } from './plain-text.ts';
import { xlsParser } from './xls.ts';
import { xlsxParser } from './xlsx.ts';

export const PARSERS: FormatParser[] = [
  pdfParser,
  docxParser,
  xlsxParser,
  docParser,
  xlsParser,
  imageParser,
  zipParser,
  rarParser,
  sevenZipParser,
  csvParser,
  jsonParser,
  txtParser,
];

export type DocumentInput = { filename: string; contentType: string; content: Buffer };

export type DocumentResult = {
  format: DocFormat;
  parsed?: ParsedDocument;
  error?: string;
  reason?: UnreadableError['reason'];
};

const FORMAT_BY_EXTENSION: Record<string, DocFormat> = {
  docx: 'docx', docm: 'docx', doc: 'doc', wps: 'doc', xlsx: 'xlsx', xlsm: 'xlsx', xls: 'xls', et: 'xls',
  csv: 'csv', json: 'json', txt: 'txt', pdf: 'pdf', jpg: 'image', jpeg: 'image', png: 'image',
  zip: 'zip', rar: 'rar', '7z': '7z', eml: 'eml',
};

export function formatFromName(filename: string): DocFormat {
  return FORMAT_BY_EXTENSION[extensionOf(filename)] ?? 'unknown';
}

export function pickParser(file: DocumentInput): { parser: FormatParser; confidence: number } | null {
  // The whole file is the probe's head: subarray is free and OLE2 directories sit anywhere.
  const probe: FileProbe = { filename: file.filename, contentType: file.contentType, head: file.content, size: file.content.length };
  let best: { parser: FormatParser; confidence: number } | null = null;
  for (const parser of PARSERS) {
    const confidence = parser.confidence(probe);
    if (confidence > 0 && (!best || confidence > best.confidence)) best = { parser, confidence };
  }
  return best;
}

export function detectFormat(file: DocumentInput): DocFormat {
  return pickParser(file)?.parser.format ?? formatFromName(file.filename);
}

export async function parseDocument(file: DocumentInput): Promise<DocumentResult> {
  if (file.content.length === 0) return { format: formatFromName(file.filename), error: 'empty file', reason: 'empty' };
  // Password-protected Office 2007+ files are OLE2 containers holding an EncryptedPackage.
  if (hasOleStream(file.content, 'EncryptedPackage')) {
    return { format: formatFromName(file.filename), error: 'password-protected Office document', reason: 'encrypted' };
  }
  const picked = pickParser(file);
  if (!picked) return { format: formatFromName(file.filename), error: 'unrecognized file format', reason: 'unsupported' };
  let failed: DocumentResult;
  try {
    return { format: picked.parser.format, parsed: await picked.parser.parse(file.content) };
  } catch (err) {
    failed =
      err instanceof UnreadableError
        ? { format: picked.parser.format, error: err.message, reason: err.reason }
        : { format: picked.parser.format, error: `${picked.parser.format}: ${(err as Error).message ?? String(err)}`, reason: 'corrupt' };
  }
  return (await asArchive(file, failed)) ?? failed;
}

/**
 * A .docx/.xlsx that its parser cannot read but that is a sound zip with members is an archive
 * under an Office name (or holds Office files): read it as one rather than lose its contents.
 */
async function asArchive(file: DocumentInput, failed: DocumentResult): Promise<DocumentResult | null> {
  if ((failed.format !== 'docx' && failed.format !== 'xlsx') || failed.reason === 'encrypted' || !isZip(file.content)) return null;
  try {
    const parsed = await zipParser.parse(file.content);
    return parsed.blocks.length > 0 ? { format: 'zip', parsed } : null;
  } catch {
    return null;
  }
}
