// Stamped scans through the real pipeline (PostgreSQL, the blob store, OCR): the text read from a
// scan is stored with its attachment and searchable, the file's check beside it, the email's
// `scan` and SCAN_MISMATCH in its output, and the application shows the chosen scan's check.
// Uses two emails of ../shared/corpus/scans (skipped without it, or without the OCR packages).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../src/ingest/ingest-message.ts';
import { importMail } from '../../src/ingest/import-mail.ts';
import { scanTools } from '../../src/scan/scan-tools.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { corpusDir } from '../helpers/paths.ts';

// The integration project turns OCR off (vitest.config.ts); this file is about OCR.
process.env.INTAKE_OCR = 'on';
const scansDir = resolve(corpusDir, 'scans');
// Another unit's image-only scan (read by OCR) and a scan whose seal was removed.
const files = ['sc02-other-unit-image-scan.eml', 'sc06-seal-removed-image-scan.eml'].map((f) => resolve(scansDir, f));
const tools = await scanTools();
const available = files.every((f) => existsSync(f)) && tools.poppler && tools.tesseract;

describe.skipIf(!available)('stamped scans in the pipeline', () => {
  let t: ImportEnv;
  let ids: string[];

  beforeAll(async () => {
    t = await createImportEnv('scan', { INTAKE_OCR: 'on' });
    ids = (await importMail(t.app, files)).map((m) => m.id);
    for (const messageId of ids) await ingestMessage(t.app, { messageId, attempt: 1 });
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('stores the OCR text and the check with the scan file, searchable by code', async () => {
    const { rows } = await t.sql.query<{ message_id: string; filename: string; scan_check: Record<string, unknown> }>(
      `SELECT message_id::text, filename, scan_check FROM attachments WHERE scan_text ILIKE '%91420111MAY9F9KJ64%'`,
    );
    expect(rows.map((r) => r.message_id)).toEqual([ids[0]]);
    expect(rows[0]?.scan_check).toMatchObject({ pages: 3, text_source: 'ocr', uscc: '91420111MAY9F9KJ64', seal: true });
    const others = await t.sql.query(
      `SELECT 1 FROM attachments WHERE kind <> 'stamped_scan' AND (scan_text IS NOT NULL OR scan_check IS NOT NULL)`,
    );
    expect(others.rowCount).toBe(0);
  });

  it("keeps the email's scan check and flags in its output", async () => {
    const { rows } = await t.sql.query<{ id: string; output: { scan: unknown; flags: string[] } }>(
      'SELECT id::text, extract_output AS output FROM messages ORDER BY id',
    );
    const byId = new Map(rows.map((r) => [r.id, r.output]));
    expect(byId.get(ids[0]!)?.flags).toContain('SCAN_MISMATCH');
    expect(byId.get(ids[1]!)?.scan).toEqual({ pages: 3, text_source: 'ocr', uscc: '91420100MAHY6MBT91', seal: false });
    expect(byId.get(ids[1]!)?.flags).toContain('SEAL_MISSING');
  });

  it("shows the chosen stamped scan's check in the application", async () => {
    const apps = await t.app.repos.applications.list(t.app.pool);
    const sealRemoved = apps.find((a) => a.uscc === '91420100MAHY6MBT91');
    expect(sealRemoved?.materials.stamped_scan?.scan).toEqual({ pages: 3, text_source: 'ocr', uscc: '91420100MAHY6MBT91', seal: false });
    // Not an application flag: the application shows the check, the email carries the flag.
    expect(sealRemoved?.flags).not.toContain('SEAL_MISSING');
  });
});
