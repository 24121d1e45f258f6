// 附件3 row i against 案例i of 附件1, by value: the same case written twice must say the same thing.
// Only when both documents were read. Empty cells are not disagreements (they are simply unknown),
// except for scales where an explicit "none" (`/`, `无`, blank) against a non-zero number is one.
import type { Case, SummaryRow } from '../types.ts';
import type { Finding, RuleInput } from './rule-types.ts';
import { isNoneScale, parseGigabytes, parseRows } from './scale.ts';
import { compactText, isBlank, normalizeCategory, normalizeUnitName } from './text.ts';

/** A scale as a comparable value: a number, "none", or unknown (unparseable text: not judged). */
type ScaleValue = number | 'none' | 'unknown';

// Rounding in either form (1.36TB vs 1392.64GB) must not read as a disagreement.
const RELATIVE_TOLERANCE = 0.005;

function scaleFromCase(value: number | null, text: string | null | undefined): ScaleValue {
  if (value !== null && value !== undefined) return value;
  return isNoneScale(text) ? 'none' : 'unknown';
}

function scaleFromRow(text: string | null, parse: (t: string) => number | null): ScaleValue {
  if (isNoneScale(text)) return 'none';
  const value = parse(text as string);
  return value === null ? 'unknown' : value;
}

function sameScale(a: ScaleValue, b: ScaleValue): boolean {
  if (a === 'unknown' || b === 'unknown') return true;
  const av = a === 'none' ? 0 : a;
  const bv = b === 'none' ? 0 : b;
  return Math.abs(av - bv) <= RELATIVE_TOLERANCE * Math.max(Math.abs(av), Math.abs(bv));
}

function show(v: ScaleValue, raw: string | null | undefined): string {
  if (!isBlank(raw)) return (raw as string).trim();
  return v === 'none' || v === 'unknown' ? '空' : String(v);
}

function compareCase(c: Case, row: SummaryRow, i: number, categories: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const add = (field: string, form1: string, form3: string) =>
    findings.push({ key: `cases[${i}].${field}`, params: { index: i, form1, form3 } });

  if (!isBlank(c.case_name) && !isBlank(row.case_name) && compactText(c.case_name as string) !== compactText(row.case_name as string)) {
    add('case_name', c.case_name as string, row.case_name as string);
  }
  if (!isBlank(c.dataset_category) && !isBlank(row.dataset_category)) {
    const a = normalizeCategory(c.dataset_category as string, categories);
    const b = normalizeCategory(row.dataset_category as string, categories);
    if (a !== b) add('dataset_category', c.dataset_category as string, row.dataset_category as string);
  }
  const rowsA = scaleFromCase(c.structured_rows, c.structured_rows_text);
  const rowsB = scaleFromRow(row.structured_scale, parseRows);
  if (!sameScale(rowsA, rowsB)) add('structured_rows', show(rowsA, c.structured_rows_text), show(rowsB, row.structured_scale));
  const gbA = scaleFromCase(c.unstructured_gb, c.unstructured_gb_text);
  const gbB = scaleFromRow(row.unstructured_scale, parseGigabytes);
  if (!sameScale(gbA, gbB)) add('unstructured_gb', show(gbA, c.unstructured_gb_text), show(gbB, row.unstructured_scale));
  return findings;
}

export function inconsistencies({ x, campaign }: RuleInput): Finding[] {
  const s = x.submission;
  if (!s || s.cases === null || s.summary_rows === null || s.summary_rows.length === 0) return [];
  const rows = s.summary_rows;
  const findings: Finding[] = [];
  s.cases.forEach((c, idx) => {
    const i = idx + 1;
    const row = rows[idx];
    // A case the summary does not list at all disagrees on its name.
    if (!row) {
      findings.push({ key: `cases[${i}].case_name`, params: { index: i, form1: c.case_name ?? '空', form3: '（无此行）' } });
      return;
    }
    findings.push(...compareCase(c, row, i, campaign.options.dataset_category));
  });
  if (!isBlank(s.unit_name)) {
    const unit = normalizeUnitName(s.unit_name as string);
    const other = rows.find((r) => !isBlank(r.unit_name) && normalizeUnitName(r.unit_name as string) !== unit);
    if (other) findings.push({ key: 'unit_name', params: { form1: s.unit_name as string, form3: other.unit_name as string } });
  }
  return findings;
}
