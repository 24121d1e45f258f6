// The 汇总表 (附件3 of the notice) rebuilt from the applications the bureau holds: one row per case
// of every application, numbered across the whole export. Pure; the xlsx and CSV writers only
// lay these rows out.
//
// 附件1 is the authoritative form (the 附件3 table is the applicant's own summary of it and is
// often out of step after a corrected 附件1), so a case's cells come from 附件1 and the matching
// 附件3 row only fills what 附件1 lacks: always 产生社会经济效益, which 附件1 has no field for.
import type { StoredApplication } from '../db/applications-repo.ts';
import { emptySummaryRow } from '../forms/form3-reader.ts';
import type { Case, Submission, SummaryRow } from '../types.ts';
import { compactText, isBlank } from '../validate/text.ts';

/** The notice's 附件3 columns, in its order; the keys are SummaryRow's (submission-schema.md). */
export const SUMMARY_COLUMNS = [
  { key: 'seq', header: '序号' },
  { key: 'case_name', header: '数据集案例名称' },
  { key: 'dataset_category', header: '数据集类别' },
  { key: 'industry', header: '行业领域' },
  { key: 'direction', header: '申报方向' },
  { key: 'structured_scale', header: '结构化数据规模' },
  { key: 'unstructured_scale', header: '非结构化数据规模' },
  { key: 'supported_models', header: '已服务支撑人工智能算法模型' },
  { key: 'benefits', header: '产生社会经济效益' },
  { key: 'unit_name', header: '申报单位名称' },
  { key: 'contact', header: '申报单位联系人及联系方式' },
] as const;

export type SummaryColumnKey = (typeof SUMMARY_COLUMNS)[number]['key'];

/** One line of the export: the 11 columns ('' when unknown) and the application it came from. */
export type SummaryTableRow = { applicationId: string; seq: number } & Record<Exclude<SummaryColumnKey, 'seq'>, string>;

type Cells = Omit<SummaryTableRow, 'applicationId' | 'seq'>;

const text = (v: string | null | undefined): string => (isBlank(v) ? '' : (v as string).trim());

/** The first non-blank of the candidates, trimmed. */
const first = (...values: (string | null | undefined)[]): string => values.map(text).find((v) => v !== '') ?? '';

const joinSet = (values: readonly string[] | null | undefined): string => (values ?? []).map(text).filter(Boolean).join('、');

/** As the applicant wrote it ("1.2亿行"), else the normalized number with the notice's unit. */
function scale(raw: string | null, value: number | null, unit: string): string {
  if (!isBlank(raw)) return text(raw);
  return value === null ? '' : `${value}${unit}`;
}

/** Name + phone as 附件1 gives them; the 附件3 contact cell only when 附件1 has neither. */
function contactOf(record: Submission, row: SummaryRow | undefined): string {
  const own = [text(record.contact_name), text(record.contact_phone)].filter(Boolean).join(' ');
  return own || text(row?.contact);
}

/**
 * The 附件3 row for each case: the row with the same case name first (rows may be reordered),
 * else the row at the case's own position if no name claimed it. Names are matched for every
 * case before any position, so a row named for a later case is never taken by an earlier one.
 */
function matchRows(cases: readonly Case[], rows: readonly SummaryRow[]): (SummaryRow | undefined)[] {
  const used = new Set<number>();
  const key = (name: string | null) => (isBlank(name) ? '' : compactText(name as string));
  const matched = cases.map((c) => {
    const name = key(c.case_name);
    if (!name) return undefined;
    const i = rows.findIndex((r, j) => !used.has(j) && key(r.case_name) === name);
    if (i < 0) return undefined;
    used.add(i);
    return rows[i];
  });
  return matched.map((row, i) => {
    if (row || i >= rows.length || used.has(i)) return row;
    used.add(i);
    return rows[i];
  });
}

function caseCells(c: Case, row: SummaryRow | undefined, unitName: string, record: Submission): Cells {
  return {
    case_name: first(c.case_name, row?.case_name),
    dataset_category: first(c.dataset_category, row?.dataset_category),
    industry: joinSet(c.industries) || text(row?.industry),
    direction: joinSet(c.directions) || text(row?.direction),
    structured_scale: scale(c.structured_rows_text, c.structured_rows, '条') || text(row?.structured_scale),
    unstructured_scale: scale(c.unstructured_gb_text, c.unstructured_gb, 'GB') || text(row?.unstructured_scale),
    supported_models: first(c.supported_models, row?.supported_models),
    benefits: text(row?.benefits),
    unit_name: unitName || text(row?.unit_name),
    contact: contactOf(record, row),
  };
}

function summaryCells(row: SummaryRow, unitName: string, record: Submission): Cells {
  return {
    case_name: text(row.case_name),
    dataset_category: text(row.dataset_category),
    industry: text(row.industry),
    direction: text(row.direction),
    structured_scale: text(row.structured_scale),
    unstructured_scale: text(row.unstructured_scale),
    supported_models: text(row.supported_models),
    benefits: text(row.benefits),
    unit_name: unitName || text(row.unit_name),
    contact: contactOf(record, row),
  };
}

const NO_ROW: SummaryRow = emptySummaryRow();

function applicationCells(app: StoredApplication): Cells[] {
  const record = app.record;
  const unitName = first(app.unitName, record.unit_name);
  const cases = record.cases ?? [];
  const rows = record.summary_rows ?? [];
  if (cases.length > 0) {
    const matched = matchRows(cases, rows);
    return cases.map((c, i) => caseCells(c, matched[i], unitName, record));
  }
  if (rows.length > 0) return rows.map((r) => summaryCells(r, unitName, record));
  // Neither form was readable: one line still names the unit, so the export lists every applicant.
  return [summaryCells(NO_ROW, unitName, record)];
}

export function summaryTableRows(apps: StoredApplication[]): SummaryTableRow[] {
  let seq = 0;
  return apps.flatMap((app) => applicationCells(app).map((cells) => ({ applicationId: app.id, seq: ++seq, ...cells })));
}
