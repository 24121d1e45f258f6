// An email with U+0000 in its Subject, From name, attachment name, body and in the text of its
// attachment (a 附件3 CSV cell) goes through the real pipeline (accept → queue → worker →
// PostgreSQL) and is judged like any other. PostgreSQL text and jsonb cannot hold U+0000: the
// email used to fail for good ("invalid byte sequence for encoding UTF8: 0x00") and never be judged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptRawMessage } from '../../src/ingest/accept-raw.ts';
import { waitForRuns } from '../../src/operations/wait-for-runs.ts';
import { startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';

const NUL = '\u0000';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A 附件3 summary sheet as CSV with NUL characters inside cells. */
const SUMMARY_CSV =
  '\uFEFF序号,案例名称,数据集类别,行业领域,申报方向,结构化数据规模,非结构化数据规模,已支撑模型,效益,单位名称,联系人及电话\r\n' +
  `1,空${NUL}字符案例,行业专识数据集,工业制造,高质量数据集建设应用,100万条,2GB,无,降本${NUL}增效,测试${NUL}单位有限公司,王五 13900001111\r\n`;

function emailWithNuls(): Buffer {
  const filename = `附件3汇总表${NUL}.csv`;
  return Buffer.from(
    [
      'Received: from mx.example.com by mx1; Mon, 03 Nov 2025 02:00:00 +0000',
      `From: =?UTF-8?B?${b64(`王${NUL}五`)}?= <nul@example.com>`,
      'To: intake@example.com',
      `Subject: =?UTF-8?B?${b64(`测试单位+武汉市数据集征集${NUL}`)}?=`,
      'Message-ID: <nul-text@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(`您好，附件是申报材料${NUL}，请查收。`),
      '--B',
      'Content-Type: text/csv',
      `Content-Disposition: attachment; filename*=utf-8''${encodeURIComponent(filename)}`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(SUMMARY_CSV),
      '--B--',
      '',
    ].join('\r\n'),
    'utf8',
  );
}

describe('NUL characters in an email', () => {
  let t: ImportEnv;
  let worker: RunningWorker | null = null;

  beforeAll(async () => {
    t = await createImportEnv('nul');
    worker = startIngestWorker(t.app);
  });

  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await t?.cleanup();
  });

  it('are stored as U+FFFD and the email is parsed and judged, not failed', async () => {
    const { id } = await acceptRawMessage(t.app, {
      raw: emailWithNuls(),
      mailbox: 'import',
      uidvalidity: null,
      uid: null,
      receivedAt: new Date('2025-11-03T02:00:00Z'),
      source: 'import',
    });
    const statuses = await waitForRuns(t.app, [id], { timeoutMs: 120_000 });
    const message = (await t.sql.query('SELECT * FROM messages WHERE id = $1', [id])).rows[0];
    expect(message.last_error).toBeNull();
    expect(statuses.get(id)).toBe('ok');
    expect(message.subject).toBe('测试单位+武汉市数据集征集\uFFFD');
    expect(message.sender_name).toBe('王\uFFFD五');
    expect(message.is_submission).toBe(true);
    expect(message.extract_output.flags).toContain('MISSING_ATTACHMENT:form1');

    const attachments = await t.app.repos.attachments.listForMessage(id);
    expect(attachments.map((a) => [a.filename, a.kind])).toEqual([['附件3汇总表\uFFFD.csv', 'form3']]);

    const submission = (await t.sql.query('SELECT id, flags, extraction FROM submissions WHERE message_id = $1', [id])).rows[0];
    expect(submission.flags).toEqual(message.extract_output.flags);
    expect(submission.extraction.summary_rows[0].unit_name).toBe('测试\uFFFD单位有限公司');
    const rows = (await t.sql.query('SELECT case_name, benefits FROM summary_rows WHERE submission_id = $1', [submission.id])).rows;
    expect(rows).toEqual([{ case_name: '空\uFFFD字符案例', benefits: '降本\uFFFD增效' }]);

    const failed = (await t.sql.query("SELECT stage, error FROM processing_events WHERE message_id = $1 AND status <> 'ok'", [id])).rows;
    expect(failed).toEqual([]);
  });
});
