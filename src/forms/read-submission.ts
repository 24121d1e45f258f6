// Assembles the submission record from the forms among an email's files. Each form is read from
// the readable file of its kind (the one whose content reads best when there are several); a
// form that is absent or unreadable leaves its part null, with no guessing field by field.
import type { Block, FoundFile, MaterialKind, Submission } from '../types.ts';
import { readForm1 } from './form1-reader.ts';
import { readForm2 } from './form2-reader.ts';
import { readForm3 } from './form3-reader.ts';

function best<T>(files: FoundFile[], kind: MaterialKind, read: (blocks: Block[]) => T, score: (r: T) => number): T | null {
  let winner: { result: T; score: number } | null = null;
  for (const f of files) {
    if (f.kind !== kind || !f.readable || !f.parsed) continue;
    const result = read(f.parsed.blocks);
    const s = score(result);
    if (!winner || s > winner.score) winner = { result, score: s };
  }
  return winner?.result ?? null;
}

export function readSubmission(files: FoundFile[]): Submission {
  const form1 = best(files, 'form1', readForm1, (r) => r.labelCount);
  const form2 = best(files, 'form2', readForm2, (r) => r.headingCount);
  const form3 = best(files, 'form3', readForm3, (r) => (r.found ? 1 + r.rows.length : 0));
  return assembleSubmission(form1, form2 ? form2.intro : null, form3 ? form3.rows : null);
}

/** The parts of the record that come from 附件1: the unit's fields and its cases. */
export type Form1Part = Omit<Submission, 'intro' | 'summary_rows'>;

/**
 * The record from its three parts, each whole or null: unit fields and cases from one 附件1,
 * intro from one 附件2, rows from one 附件3 (for an email, and for a unit's merged application).
 */
export function assembleSubmission(
  form1: Form1Part | null,
  intro: Submission['intro'],
  summaryRows: Submission['summary_rows'],
): Submission {
  return {
    unit_name: form1?.unit_name ?? null,
    uscc: form1?.uscc ?? null,
    unit_address: form1?.unit_address ?? null,
    contact_name: form1?.contact_name ?? null,
    contact_title: form1?.contact_title ?? null,
    contact_phone: form1?.contact_phone ?? null,
    declared_date: form1?.declared_date ?? null,
    cases: form1 ? form1.cases : null,
    intro,
    summary_rows: summaryRows,
  };
}
