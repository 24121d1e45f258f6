// The 汇总表 as CSV for Excel and for scripts: UTF-8 with a BOM (without it Excel reads the file
// in the system code page and the Chinese turns to mojibake), RFC 4180 quoting, CRLF lines.
import { SUMMARY_COLUMNS, type SummaryTableRow } from './summary-table.ts';

/**
 * Cells come from applicants' emails. A spreadsheet runs a cell starting with = + - @ (or a tab
 * or CR before one) as a formula (CSV injection), so such a cell gets a leading apostrophe,
 * which Excel and LibreOffice read as "text" and do not show.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function summaryTableCsv(rows: SummaryTableRow[]): string {
  const lines = [SUMMARY_COLUMNS.map((c) => field(c.header)).join(',')];
  for (const r of rows) lines.push(SUMMARY_COLUMNS.map((c) => field(neutraliseFormula(String(r[c.key])))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
