// The export over the real dev applications set: the same pure pipeline as `intake extract
// --applications` (extract each email, group by unit, build the application), stored shape on
// top, then the 汇总表. Every case of every application must appear exactly once, in order.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationContent } from '../../../src/applications/application-content.ts';
import type { ApplicationMember } from '../../../src/applications/application-types.ts';
import { buildApplication } from '../../../src/applications/build-application.ts';
import { groupMembers } from '../../../src/applications/group-members.ts';
import { INITIAL_REVIEW_STATE } from '../../../src/applications/review-states.ts';
import { wuhanDatasetCall2025 as campaign } from '../../../src/campaign/campaign.ts';
import type { StoredApplication } from '../../../src/db/applications-repo.ts';
import { summaryTableCsv } from '../../../src/export/summary-csv.ts';
import { summaryTableRows, type SummaryTableRow } from '../../../src/export/summary-table.ts';
import { SUMMARY_SHEET, summaryTableXlsx } from '../../../src/export/summary-xlsx.ts';
import { extractEmail } from '../../../src/extract/extract-email.ts';
import { offlineMember } from '../../../src/extract/offline-member.ts';
import type { Submission } from '../../../src/types.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = path.resolve(projectRoot, '../shared/corpus/applications');
const hasSet = existsSync(path.join(dir, 'index.json'));

type ExpectedApplication = { unit_name: string; submission: Submission };

/** What `intake extract --applications` does, ending in the stored shape instead of JSON. */
async function storedApplications(files: string[]): Promise<StoredApplication[]> {
  const members: ApplicationMember[] = [];
  for (const [index, file] of files.entries()) {
    const x = await extractEmail(readFileSync(path.join(dir, file)), { campaign });
    const member = offlineMember(x, index, campaign);
    if (member) members.push(member);
  }
  const now = new Date();
  return groupMembers(members).map((group, i) => ({
    ...applicationContent(buildApplication(group, campaign)),
    id: String(100 + i),
    active: true,
    mergedInto: null,
    reviewState: INITIAL_REVIEW_STATE,
    reviewComment: null,
    reviewedBy: null,
    reviewedAt: null,
    createdAt: now,
    updatedAt: now,
  }));
}

describe.skipIf(!hasSet)('汇总表 export of the dev applications set', () => {
  let apps: StoredApplication[];
  let rows: SummaryTableRow[];

  beforeAll(async () => {
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { emails: { file: string }[] };
    apps = await storedApplications(index.emails.map((e) => e.file));
    rows = summaryTableRows(apps);
  }, 120_000);

  it('lists every case of every application once, in order, numbered 1..N', () => {
    expect(apps.length).toBeGreaterThan(0);
    const expectedCases = apps.flatMap((a) =>
      (a.record.cases?.length ? a.record.cases : (a.record.summary_rows ?? [{ case_name: '' }])).map((c) => [a.id, c.case_name ?? '']),
    );
    expect(rows.map((r) => [r.applicationId, r.case_name])).toEqual(expectedCases);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    for (const r of rows) {
      expect(r.unit_name, r.case_name).not.toBe('');
      expect(r.contact, r.case_name).not.toBe('');
    }
  });

  it('covers the cases of the expected applications', () => {
    const expected = (
      JSON.parse(readFileSync(path.join(dir, 'applications.expected.json'), 'utf8')) as { applications: ExpectedApplication[] }
    ).applications;
    const exported = rows.map((r) => `${r.unit_name}|${r.case_name}`);
    const wanted = expected.flatMap((a) => (a.submission.cases ?? []).map((c) => `${a.unit_name}|${c.case_name}`));
    expect([...exported].sort()).toEqual([...wanted].sort());
    expect(rows.every((r) => r.benefits !== '')).toBe(true);
  });

  it('writes them to xlsx and CSV, one line each', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await summaryTableXlsx(rows, { generatedAt: new Date() })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(rows.map((r, i) => ws.getRow(4 + i).getCell(2).value)).toEqual(rows.map((r) => r.case_name || null));
    expect(summaryTableCsv(rows).split('\r\n').length).toBe(rows.length + 2);
  });
});
