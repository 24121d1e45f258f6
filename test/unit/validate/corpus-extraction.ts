// Builds an Extraction for each corpus email from its expected.json plus the real message: the
// real parsed headers/subject/body (parseMessage), the expected submission record and attachment
// kinds, and the real text layer of each top-level PDF. What expected.json does not say and the
// raw message cannot tell without the attachment stage is derived from the expected flags, and
// only that (see deriveArchiveMembers / the SCANNED_PDF fallback below).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFParse } from 'pdf-parse';
import { parseMessage } from '../../../src/mime/parse-message.ts';
import type { DocFormat, Extraction, FoundFile, MaterialKind, ParsedEmail, Submission } from '../../../src/types.ts';
import { findExternalLinks } from '../../../src/classify/external-links.ts';
import { detectNotSubmission } from '../../../src/classify/not-submission.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusDir = path.resolve(projectRoot, '../shared/corpus');
export const hasCorpus = existsSync(path.join(corpusDir, 'index.json'));

export type Expected = {
  file: string;
  is_submission: boolean;
  submission: Submission | null;
  attachments: { filename: string; kind: MaterialKind; readable: boolean }[];
  flags: string[];
};

export type CorpusItem = { file: string; expected: Expected; extraction: Extraction };

const FORMAT_BY_EXT: Record<string, DocFormat> = {
  pdf: 'pdf',
  docx: 'docx',
  doc: 'doc',
  wps: 'doc',
  xlsx: 'xlsx',
  xls: 'xls',
  csv: 'csv',
  json: 'json',
  zip: 'zip',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  txt: 'txt',
};

function formatOf(filename: string): DocFormat {
  return FORMAT_BY_EXT[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'unknown';
}

async function pdfHasTextLayer(content: Buffer): Promise<boolean | undefined> {
  const parser = new PDFParse({ data: new Uint8Array(content) });
  try {
    const { text } = await parser.getText();
    // pdf-parse writes "-- 1 of 3 --" page separators even for image-only pages.
    return text.replace(/--\s*\d+\s*of\s*\d+\s*--/g, '').replace(/\s+/g, '').length > 0;
  } catch {
    return undefined; // encrypted/corrupt: the file is unreadable, not a scan
  } finally {
    await parser.destroy();
  }
}

function syntheticFile(filename: string, kind: MaterialKind, readable: boolean, parentIndex: number | null): FoundFile {
  return {
    filename,
    contentType: 'application/octet-stream',
    content: Buffer.alloc(0),
    size: 0,
    sha256: '',
    parentIndex,
    depth: parentIndex === null ? 0 : 1,
    format: formatOf(filename),
    kind,
    readable,
  };
}

/**
 * Archive members are not in expected.json. Derived from the flags: every required material that
 * is not attached directly and not flagged MISSING_ATTACHMENT must be inside the archive.
 */
function deriveArchiveMembers(files: FoundFile[], expected: Expected): FoundFile[] {
  const archiveIndex = files.findIndex((f) => f.kind === 'archive');
  if (archiveIndex < 0) return [];
  const present = new Set(files.map((f) => f.kind));
  const kinds: MaterialKind[] = ['form1', 'form2', 'form3', 'stamped_scan', 'samples'];
  const ext: Record<string, string> = { form1: 'docx', form2: 'docx', form3: 'xlsx', stamped_scan: 'pdf', samples: 'zip' };
  return kinds
    .filter((k) => !present.has(k) && !expected.flags.includes(`MISSING_ATTACHMENT:${k}`))
    .map((k) => syntheticFile(`member-${k}.${ext[k]}`, k, true, archiveIndex));
}

async function buildFiles(email: ParsedEmail, expected: Expected): Promise<FoundFile[]> {
  const files: FoundFile[] = [];
  for (const [i, a] of expected.attachments.entries()) {
    const real = email.attachments.find((f) => f.filename === a.filename) ?? email.attachments[i];
    const file = real ? { ...real } : syntheticFile(a.filename, a.kind, a.readable, null);
    file.kind = a.kind;
    file.readable = a.readable;
    file.format = file.content.subarray(0, 5).toString('latin1') === '%PDF-' ? 'pdf' : formatOf(a.filename);
    if (file.format === 'pdf' && a.readable && file.content.length > 0) {
      const hasTextLayer = await pdfHasTextLayer(file.content);
      file.parsed = { format: 'pdf', blocks: [], text: '', hasTextLayer };
    }
    files.push(file);
  }
  files.push(...deriveArchiveMembers(files, expected));
  // A scan inside an archive cannot be seen without unpacking: taken from the expected flag.
  const knownScan = files.some((f) => f.parsed?.hasTextLayer === false);
  if (expected.flags.includes('SCANNED_PDF') && !knownScan) {
    const member = files.find((f) => f.parentIndex !== null && f.format === 'pdf');
    if (member) member.parsed = { format: 'pdf', blocks: [], text: '', hasTextLayer: false };
  }
  return files;
}

/** Fills the optional `_text` fields the expected records leave out, as a reader would. */
function completeSubmission(s: Submission | null): Submission | null {
  if (!s) return null;
  return {
    ...s,
    cases:
      s.cases?.map((c) => ({
        ...c,
        structured_rows_text: c.structured_rows_text ?? (c.structured_rows === null ? null : String(c.structured_rows)),
        unstructured_gb_text: c.unstructured_gb_text ?? (c.unstructured_gb === null ? null : `${c.unstructured_gb}GB`),
      })) ?? null,
  };
}

export async function loadCorpus(): Promise<CorpusItem[]> {
  const index = JSON.parse(readFileSync(path.join(corpusDir, 'index.json'), 'utf8')) as {
    emails: { file: string; expected: string }[];
  };
  const items: CorpusItem[] = [];
  for (const entry of index.emails) {
    const raw = readFileSync(path.join(corpusDir, entry.file));
    const expected = JSON.parse(readFileSync(path.join(corpusDir, entry.expected), 'utf8')) as Expected;
    const email = await parseMessage(raw);
    const files = await buildFiles(email, expected);
    const externalLinks = findExternalLinks(email);
    const notSubmissionReason = detectNotSubmission(email, files, externalLinks);
    const extraction: Extraction = {
      email,
      files,
      externalLinks,
      notSubmissionReason,
      submission: notSubmissionReason ? null : completeSubmission(expected.submission),
    };
    items.push({ file: entry.file, expected, extraction });
  }
  return items;
}
