// Picks the parser that is most sure of a file (bytes first, name second) and runs it.
import type { DocFormat, ParsedDocument } from '../types.ts';
import { rarParser, sevenZipParser, zipParser } from './archive.ts';
import { csvParser } from './csv.ts';
import { docParser } from './doc.ts';
import { docxParser } from './docx.ts';
import { imageParser } from './image.ts';
import { isArchiveFormat } from './archive.ts';
import { extensionOf, isZip, ooxmlKind } from './magic.ts';
import { hasOleRootStream } from './ole-streams.ts';
import { isOutOfMemory, UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
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

/** `size`: the whole file's size when `content` is only its head (text files: text-head.ts). */
export type DocumentInput = { filename: string; contentType: string; content: Buffer; size?: number };

export type DocumentResult = {
  format: DocFormat;
  parsed?: ParsedDocument;
  error?: string;
  reason?: UnreadableError['reason'];
};

const FORMAT_BY_EXTENSION: Record<string, DocFormat> = {
  docx: 'docx',
  docm: 'docx',
  doc: 'doc',
  wps: 'doc',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xls: 'xls',
  et: 'xls',
  csv: 'csv',
  json: 'json',
  txt: 'txt',
  pdf: 'pdf',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  zip: 'zip',
  rar: 'rar',
  '7z': '7z',
  eml: 'eml',
};

export function formatFromName(filename: string): DocFormat {
  return FORMAT_BY_EXTENSION[extensionOf(filename)] ?? 'unknown';
}

type Candidate = { parser: FormatParser; confidence: number };

/** Parsers that recognise the file, the surest first (ties keep the order of PARSERS). */
export function rankParsers(file: DocumentInput): Candidate[] {
  // The whole file is the probe's head: subarray is free and OLE2 directories sit anywhere.
  const probe: FileProbe = {
    filename: file.filename,
    contentType: file.contentType,
    head: file.content,
    size: file.size ?? file.content.length,
  };
  return PARSERS.map((parser) => ({ parser, confidence: parser.confidence(probe) }))
    .filter((c) => c.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence);
}

export function pickParser(file: DocumentInput): Candidate | null {
  return rankParsers(file)[0] ?? null;
}

/**
 * A runner-up is tried when the parser before it fails, if it too claims the file from its
 * bytes or its name on the right container (a guess from a name alone is no claim). Archives
 * are left out: an Office file read as a zip of its parts is asArchive's narrower decision.
 */
const CLAIM = 0.5;

export function detectFormat(file: DocumentInput): DocFormat {
  return pickParser(file)?.parser.format ?? formatFromName(file.filename);
}

export async function parseDocument(file: DocumentInput): Promise<DocumentResult> {
  if (file.content.length === 0) return { format: formatFromName(file.filename), error: 'empty file', reason: 'empty' };
  // Password-protected Office 2007+ files are OLE2 containers holding an EncryptedPackage.
  if (hasOleRootStream(file.content, 'EncryptedPackage')) {
    return { format: formatFromName(file.filename), error: 'password-protected Office document', reason: 'encrypted' };
  }
  const [first, ...rest] = rankParsers(file);
  if (!first) return { format: formatFromName(file.filename), error: 'unrecognized file format', reason: 'unsupported' };
  const candidates = [first, ...rest.filter((c) => c.confidence >= CLAIM && !isArchiveFormat(c.parser.format))];
  // What the surest parser said is the answer when every candidate fails.
  let failed: DocumentResult | null = null;
  for (const { parser } of candidates) {
    try {
      return { format: parser.format, parsed: await parser.parse(file.content, { size: file.size ?? file.content.length }) };
    } catch (err) {
      const result: DocumentResult =
        err instanceof UnreadableError
          ? { format: parser.format, error: err.message, reason: err.reason }
          : {
              format: parser.format,
              error: `${parser.format}: ${(err as Error).message ?? String(err)}`,
              reason: isOutOfMemory(err) ? 'too_large' : 'corrupt',
            };
      failed ??= result;
      // A password or an unsupported version is the file's answer, whoever reads it.
      if (result.reason === 'encrypted' || result.reason === 'unsupported') break;
    }
  }
  return (await asArchive(file, failed!)) ?? failed!;
}

/**
 * A .docx/.xlsx that its parser cannot read but that is a sound zip with members is an archive
 * under an Office name (or holds Office files): read it as one rather than lose its contents.
 * Not so a package with the Office main part (word/document.xml, xl/workbook.xml): that is an
 * Office file the reader rejected (damaged, or XML with a DTD), and its parts are no materials.
 */
async function asArchive(file: DocumentInput, failed: DocumentResult): Promise<DocumentResult | null> {
  if ((failed.format !== 'docx' && failed.format !== 'xlsx') || failed.reason === 'encrypted' || !isZip(file.content)) return null;
  if (ooxmlKind(file.content, true) === failed.format) return null;
  try {
    const parsed = await zipParser.parse(file.content);
    return parsed.blocks.length > 0 ? { format: 'zip', parsed } : null;
  } catch {
    return null;
  }
}
