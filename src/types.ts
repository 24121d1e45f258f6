// Types shared between pipeline stages. Field keys follow ../shared/spec/submission-schema.md
// exactly: they are stable API (database columns, JSON output, exports and the dashboard use them).

// ---------------------------------------------------------------- submission record

export type DatasetCategory = '通识数据集' | '行业通识数据集' | '行业专识数据集';

export type Case = {
  case_name: string | null;
  dataset_name: string | null;
  dataset_category: string | null;
  structured_rows: number | null;
  /** The scale as the applicant wrote it ("1.2亿行"), kept beside the normalized value. */
  structured_rows_text: string | null;
  unstructured_gb: number | null;
  unstructured_gb_text: string | null;
  directions: string[];
  industries: string[];
  modalities: string[];
  agree_publicity: boolean | null;
  agree_listing: boolean | null;
  listed_elsewhere: boolean | null;
  involves_personal_info: boolean | null;
  supported_models: string | null;
  overview: string | null;
  scenarios: string | null;
};

export type Intro = {
  background: string | null;
  innovation: string | null;
  effects: string | null;
  materials: string | null;
};

export type SummaryRow = {
  seq: number | null;
  case_name: string | null;
  dataset_category: string | null;
  industry: string | null;
  direction: string | null;
  structured_scale: string | null;
  unstructured_scale: string | null;
  supported_models: string | null;
  benefits: string | null;
  unit_name: string | null;
  contact: string | null;
};

export type Submission = {
  unit_name: string | null;
  uscc: string | null;
  unit_address: string | null;
  contact_name: string | null;
  contact_title: string | null;
  contact_phone: string | null;
  /** ISO date (YYYY-MM-DD) or null when blank. */
  declared_date: string | null;
  /** null when 附件1 is absent or unreadable. */
  cases: Case[] | null;
  /** null when 附件2 is absent or unreadable. */
  intro: Intro | null;
  /** null when 附件3 is absent or unreadable. */
  summary_rows: SummaryRow[] | null;
};

// ---------------------------------------------------------------- documents

/** One table cell; text keeps paragraph breaks as "\n". Merged cells carry their span. */
export type Cell = { text: string; colspan?: number; rowspan?: number };

/**
 * Format-independent content of a document: what the form readers see, whether it came from
 * .docx (mammoth HTML), .doc/.wps, .xlsx/.xls/.csv (one table per sheet) or a PDF text layer.
 */
export type Block = { type: 'paragraph'; text: string } | { type: 'table'; rows: Cell[][]; name?: string };

export type DocFormat =
  'docx' | 'doc' | 'xlsx' | 'xls' | 'csv' | 'json' | 'txt' | 'pdf' | 'image' | 'zip' | 'rar' | '7z' | 'eml' | 'unknown';

export type ParsedDocument = {
  format: DocFormat;
  blocks: Block[];
  /** Plain text of all blocks in reading order (cells joined by tabs, rows by newlines). */
  text: string;
  /** PDFs only: false when no page has a usable text layer (a scan). */
  hasTextLayer?: boolean;
  /** Set when only part of a sound but large file was read (docs/limits.md); absent when read whole. */
  partial?: PartialRead;
};

/**
 * How much of a file was read: the first `read` of `total` bytes of a text file or pages of a
 * PDF; or (`none`) nothing of an Office file whose `total` bytes (XML, or the whole binary file)
 * pass its size cap.
 */
export type PartialRead = { unit: 'bytes' | 'pages' | 'none'; read: number; total: number };

// ---------------------------------------------------------------- attachments

export type MaterialKind = 'form1' | 'form2' | 'form3' | 'stamped_scan' | 'samples' | 'archive' | 'other';

/** One file found in an email: a MIME attachment or an archive member (parentIndex set). */
export type FoundFile = {
  /** Decoded Unicode file name exactly as sent, path components and all. Never used as a path. */
  filename: string;
  contentType: string;
  content: Buffer;
  size: number;
  sha256: string;
  /** Index (into the same list) of the archive this file was unpacked from. */
  parentIndex: number | null;
  /** Nesting depth: 0 for MIME attachments, 1+ for archive members. */
  depth: number;
  /** Filled by the attachment stage. */
  format?: DocFormat;
  kind?: MaterialKind;
  readable?: boolean;
  /** Why the file is unreadable (encrypted, corrupt, zip bomb, unsupported...). */
  error?: string;
  /** What made it unreadable, when known: a file only too large to read is told apart from a damaged one. */
  unreadableReason?: 'encrypted' | 'corrupt' | 'empty' | 'too_large' | 'unsupported' | 'timeout' | 'nested' | 'too_many_parts';
  /** For a readable file read only in part: what was left unread, for the operator (Chinese). */
  note?: string;
  parsed?: ParsedDocument;
  /** Wall time its parser (or archive reader) took, ms; absent when none ran. */
  parseMs?: number;
  /** Stamped scans only: what reading it found (src/scan/), its OCR text included. */
  scan?: FileScan;
};

/** What `intake extract` prints per attachment (top-level MIME attachments only). */
export type AttachmentSummary = { filename: string; kind: MaterialKind; readable: boolean };

// ---------------------------------------------------------------- stamped scan

/** The scan check of an email (spec section "Scan check", key `scan`), or of one scan file. */
export type ScanCheck = {
  pages: number;
  /** Where the text came from; null when it could not be read (no OCR on this machine). */
  text_source: 'text_layer' | 'ocr' | null;
  /** The first 统一社会信用代码 read whose check character holds. */
  uscc: string | null;
  /** A red round seal on some page; null when no page could be judged (greyscale scans). */
  seal: boolean | null;
};

/** One stamped-scan file as read: its check and the text read from it (stored with the attachment). */
export type FileScan = ScanCheck & {
  /** Text layer or OCR text, pages separated by form feeds; null when none could be read. */
  text: string | null;
  /** Why part of it could not be read (a tool missing, timed out or failed on a page). */
  error?: string;
};

// ---------------------------------------------------------------- email

export type ParsedEmail = {
  messageId: string | null;
  subject: string;
  fromAddress: string | null;
  fromName: string | null;
  /** The sender's Date: header, for display only: never used for lateness. */
  sentAt: Date | null;
  /** Receipt time: IMAP INTERNALDATE, or for a file the top Received: header. */
  receivedAt: Date | null;
  headers: Record<string, string>;
  text: string;
  html: string;
  /** Top-level MIME attachments, with those of forwarded (message/rfc822) messages unwrapped. */
  attachments: FoundFile[];
  /** multipart/report (RFC 3464 delivery status, RFC 8098 read receipts). */
  isReport: boolean;
};

// ---------------------------------------------------------------- extraction & validation

export type Extraction = {
  email: ParsedEmail;
  /** Every file: MIME attachments first (MIME order), archive members after their parent. */
  files: FoundFile[];
  submission: Submission | null;
  /** Download links for materials (163 超大附件 and the like) found in the body. */
  externalLinks: string[];
  /** Why this is not a submission (question, auto-reply, bounce, spam), or null if it is one. */
  notSubmissionReason: string | null;
  /** The stamped scans read (null: none, or not a submission); absent where no check ran. */
  scan?: ScanCheck | null;
};

export type Severity = 'error' | 'warning' | 'info';

export type Flag = { code: string; severity: Severity; message: string };

/** The JSON object `intake extract` prints per email (see ../shared/corpus/README.md). */
export type ExtractOutput = {
  file?: string;
  is_submission: boolean;
  late: boolean;
  /** ISO 8601 in Asia/Shanghai (+08:00). */
  received_at: string | null;
  submission: Submission | null;
  attachments: AttachmentSummary[];
  /** The scan check (spec section "Scan check"); null when the email has no stamped scan. */
  scan: ScanCheck | null;
  /** Sorted flag codes. */
  flags: string[];
};
