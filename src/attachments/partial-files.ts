// Files read only in part (docs/limits.md): a large text file's head, a PDF's first pages, or an
// Office file over its size cap, none of it read. Once the kinds are known:
// - a form (附件1/2/3) must be read whole, so one read in part is unreadable, "too large" (its
//   own words, never "damaged"): a form is a few kilobytes, and half a form is no answer;
// - anything else (dataset samples above all) stays readable, recorded as received, with a note
//   saying what was left unread. The spec's UNREADABLE_ATTACHMENT is for corrupt, encrypted or
//   unsupported files, and a sound sample is none of those, so it raises no flag.
import type { FoundFile, PartialRead } from '../types.ts';

const FORMS = new Set(['form1', 'form2', 'form3']);

/** Binary megabytes, one decimal under 10 ("2 MB", "1.5 MB", "48 MB"). */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)} MB`;
}

export function partialNote(p: PartialRead): string {
  switch (p.unit) {
    case 'pages':
      return `PDF共${p.total}页，只读取了前${p.read}页的文字；文件已完整保存。`;
    case 'bytes':
      return `文件较大（${megabytes(p.total)}），只读取了前${megabytes(p.read)}以确认内容可读；文件已完整保存。`;
    case 'none':
      return `文件较大（内容约${megabytes(p.total)}），超过完整读取的上限，未读取其内容；文件已完整保存。`;
  }
}

export function settlePartialFiles(files: FoundFile[]): void {
  for (const f of files) {
    const partial = f.parsed?.partial;
    if (!f.readable || !partial) continue;
    if (f.kind && FORMS.has(f.kind) && partial.unit !== 'pages') {
      f.readable = false;
      f.unreadableReason = 'too_large';
      f.error = `form too large to read whole (${partial.unit === 'none' ? `${partial.total} bytes of content` : `${partial.total} bytes`})`;
      delete f.parsed;
      continue;
    }
    f.note = partialNote(partial);
  }
}
