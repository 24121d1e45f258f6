// Builds the project's own sample mailbox: test/fixtures/sample-mailbox/*.eml plus, for each,
// the *.expected.json a correct system produces (same layout as ../shared/corpus), and an
// index.json in receipt order. Deterministic: the same bytes on every run, so the output is
// committed and a diff shows any change.
//
//   npx tsx scripts/build-sample-mailbox.ts [OUT_DIR]
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { chutian, jiangcheng, zherui, type Applicant } from './sample-mailbox/applicants.ts';
import { composeGbk, composeUtf8, mxHeaders, type Attachment, type Delivery } from './sample-mailbox/compose.ts';
import { buildForm1, buildForm2, buildForm3, buildSamplesZip, buildScanPdf } from './sample-mailbox/office-files.ts';

const BUREAU = 'ssjjsjzlc@163.com';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type ExpectedAttachment = { filename: string; kind: string; readable: boolean };

type Sample = {
  file: string;
  description: string;
  eml: Buffer;
  receivedAt: Date;
  isSubmission: boolean;
  late: boolean;
  applicant: Applicant | null;
  hasForm2: boolean;
  attachments: ExpectedAttachment[];
  flags: string[];
};

function toShanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

function expectedSubmission(a: Applicant, hasForm2: boolean) {
  return {
    unit_name: a.unit_name,
    uscc: a.uscc,
    unit_address: a.unit_address,
    contact_name: a.contact_name,
    contact_title: a.contact_title,
    contact_phone: a.contact_phone,
    declared_date: a.declared_date,
    cases: a.cases.map((c) => ({
      case_name: c.case_name,
      dataset_name: c.dataset_name,
      dataset_category: c.dataset_category,
      structured_rows: c.structured_rows,
      unstructured_gb: c.unstructured_gb,
      directions: c.directions,
      industries: c.industries,
      modalities: c.modalities,
      agree_publicity: c.agree_publicity,
      agree_listing: c.agree_listing,
      listed_elsewhere: c.listed_elsewhere,
      involves_personal_info: c.involves_personal_info,
      supported_models: c.supported_models,
      overview: c.overview,
      scenarios: c.scenarios,
    })),
    intro: hasForm2 ? a.intro : null,
    summary_rows: a.cases.map((c, i) => ({
      seq: i + 1,
      case_name: c.case_name,
      dataset_category: c.dataset_category,
      industry: c.summary.industry,
      direction: c.summary.direction,
      structured_scale: c.summary.structured_scale,
      unstructured_scale: c.summary.unstructured_scale,
      supported_models: c.supported_models,
      benefits: c.summary.benefits,
      unit_name: a.unit_name,
      contact: `${a.contact_name} ${a.contact_phone}`,
    })),
  };
}

function samplesCsv(a: Applicant): Record<string, string> {
  const c = a.cases[0];
  const header = 'id,采集时间,类别,描述,标注人';
  const rows = Array.from(
    { length: 12 },
    (_, i) =>
      `${i + 1},2025-0${(i % 9) + 1}-1${i % 10} 0${i % 10}:30:00,${c.industries[0]},${c.dataset_name}样例记录${i + 1},标注员${(i % 3) + 1}`,
  );
  return {
    [`${a.short_name}样例数据_结构化.csv`]: [header, ...rows].join('\r\n'),
    [`${a.short_name}样例说明.csv`]: `字段,含义\r\nid,记录编号\r\n采集时间,北京时间\r\n类别,行业领域\r\n描述,${c.case_name}\r\n`,
  };
}

async function submissionAttachments(a: Applicant, opts: { form2: boolean; scan: boolean; gbkZip?: boolean }) {
  const files: Attachment[] = [{ filename: `附件1-${a.unit_name}基本信息征集表.docx`, content: await buildForm1(a), contentType: DOCX }];
  const expected: ExpectedAttachment[] = [{ filename: files[0].filename, kind: 'form1', readable: true }];
  if (opts.form2) {
    files.push({ filename: `附件2-${a.cases[0].case_name}案例介绍.docx`, content: await buildForm2(a), contentType: DOCX });
    expected.push({ filename: files.at(-1)!.filename, kind: 'form2', readable: true });
  }
  files.push({ filename: `附件3-${a.unit_name}汇总表.xlsx`, content: await buildForm3(a), contentType: XLSX });
  expected.push({ filename: files.at(-1)!.filename, kind: 'form3', readable: true });
  if (opts.scan) {
    files.push({
      filename: `${a.unit_name}+武汉市数据集征集(盖章扫描件).pdf`,
      content: await buildScanPdf(3),
      contentType: 'application/pdf',
    });
    expected.push({ filename: files.at(-1)!.filename, kind: 'stamped_scan', readable: true });
  }
  const zip = await buildSamplesZip(samplesCsv(a), opts.gbkZip ? { gbkNames: (n) => iconv.encode(n, 'gbk') } : {});
  files.push({ filename: `${a.short_name}数据集样例.zip`, content: zip, contentType: 'application/x-zip-compressed' });
  expected.push({ filename: files.at(-1)!.filename, kind: 'samples', readable: true });
  return { files, expected };
}

const at = (iso: string) => new Date(iso);
const before = (d: Date, seconds: number) => new Date(d.getTime() - seconds * 1000);

function delivery(receivedAt: Date, offset: Delivery['offset'], host: string, n: number): Delivery {
  return {
    receivedAt,
    offset,
    senderHost: host,
    senderIp: `58.49.${10 + n}.${100 + n}`,
    mx: `mx${30 + n}`,
    smtpId: `SmpSample${n}x${receivedAt.getTime().toString(36)}--.${1000 + n}S2`,
  };
}

async function buildSamples(): Promise<Sample[]> {
  const samples: Sample[] = [];

  // s01: a complete, on-time submission from a UTF-8 client (Foxmail-like).
  {
    const a = jiangcheng;
    const receivedAt = at('2025-11-03T10:12:49+08:00');
    const { files, expected } = await submissionAttachments(a, { form2: true, scan: true });
    const body = await composeUtf8({
      from: { name: a.contact_name, address: a.email },
      to: BUREAU,
      subject: `${a.unit_name}+武汉市数据集征集`,
      date: before(receivedAt, 20),
      messageId: '<202511031012290001@jczs-tech.com.cn>',
      boundary: 's01jczs',
      text: `武汉市数据局:\n\n根据征集通知要求,我单位现报送“${a.cases[0].case_name}”案例申报材料,包括基本信息征集表、案例介绍、汇总表、盖章扫描件及数据集样例,请审阅。\n\n联系人:${a.contact_name} ${a.contact_phone}\n${a.unit_name}`,
      headers: { 'X-Mailer': 'Foxmail 7.2.25.228[cn]' },
      attachments: files,
    });
    samples.push({
      file: 's01-complete-on-time.eml',
      description: 'Complete on-time submission: UTF-8 names, docx 附件1/附件2, xlsx 附件3, image-only stamped scan, zip of CSV samples.',
      eml: Buffer.concat([Buffer.from(mxHeaders(a.email, delivery(receivedAt, '+0800', 'mail.jczs-tech.com.cn', 1))), body]),
      receivedAt,
      isSubmission: true,
      late: false,
      applicant: a,
      hasForm2: true,
      attachments: expected,
      flags: ['SCANNED_PDF'],
    });
  }

  // s02: received 24 minutes after the deadline; the MX wrote the time in UTC (16:20 on 5 Nov).
  {
    const a = chutian;
    const receivedAt = at('2025-11-06T00:20:11+08:00');
    const { files, expected } = await submissionAttachments(a, { form2: true, scan: true });
    const body = await composeUtf8({
      from: { name: a.contact_name, address: a.email },
      to: BUREAU,
      subject: `${a.unit_name}+武汉市数据集征集`,
      date: before(receivedAt, 95),
      messageId: '<1762359516.ctkr.0002@ctkr-med.cn>',
      boundary: 's02ctkr',
      text: `您好,附件是我单位的申报材料,因盖章流程耽误,提交稍晚,敬请谅解。\n\n${a.contact_name}\n${a.contact_phone}`,
      headers: { 'X-Mailer': 'Microsoft Outlook 16.0' },
      attachments: files,
    });
    samples.push({
      file: 's02-late-utc-received.eml',
      description: 'Complete submission received after the deadline; the top Received: time is written in UTC (still 5 Nov there).',
      eml: Buffer.concat([Buffer.from(mxHeaders(a.email, delivery(receivedAt, '+0000', 'mail.ctkr-med.cn', 2))), body]),
      receivedAt,
      isSubmission: true,
      late: true,
      applicant: a,
      hasForm2: true,
      attachments: expected,
      flags: ['LATE', 'SCANNED_PDF'],
    });
  }

  // s03: a question, no attachment: not a submission.
  {
    const receivedAt = at('2025-10-24T09:41:27+08:00');
    const body = await composeUtf8({
      from: { name: '王思远', address: 'wangsy_88@163.com' },
      to: BUREAU,
      subject: '咨询:联合申报时附件1由哪家单位填写?',
      date: before(receivedAt, 4),
      messageId: '<6a1f.0003.sample@163.com>',
      boundary: 's03question',
      text: '您好!我们与一家高校联合申报一个数据集案例,请问附件1的单位名称填牵头单位即可吗?统一社会信用代码是否需要填写两家?盖章扫描件是否需要两家都盖章?\n\n谢谢!\n王思远 18607151234',
      headers: { 'X-Mailer': 'Coremail Webmail Server Version 2023.1' },
    });
    samples.push({
      file: 's03-question.eml',
      description: 'Applicant question without attachments: not a submission.',
      eml: Buffer.concat([Buffer.from(mxHeaders('wangsy_88@163.com', delivery(receivedAt, '+0800', 'm16.mail.163.com', 3))), body]),
      receivedAt,
      isSubmission: false,
      late: false,
      applicant: null,
      hasForm2: false,
      attachments: [],
      flags: ['NOT_A_SUBMISSION'],
    });
  }

  // s04: an out-of-office auto-reply to the bureau's notice: not a submission.
  {
    const receivedAt = at('2025-10-27T18:05:02+08:00');
    const body = await composeUtf8({
      from: { name: '孙建华', address: 'sunjh@whxc-logistics.com' },
      to: BUREAU,
      subject: '自动回复: 关于征集第三批行业高质量数据集应用典型案例的通知',
      date: before(receivedAt, 1),
      messageId: '<autoreply.0004@whxc-logistics.com>',
      boundary: 's04autoreply',
      text: '您好,我于10月27日至10月31日出差,期间邮件回复可能不及时。紧急事务请致电027-83331234。\n\n孙建华',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', 'In-Reply-To': '<notice-20251020@163.com>' },
    });
    samples.push({
      file: 's04-auto-reply.eml',
      description: 'Out-of-office auto-reply (Auto-Submitted: auto-replied): not a submission.',
      eml: Buffer.concat([
        Buffer.from(mxHeaders('sunjh@whxc-logistics.com', delivery(receivedAt, '+0800', 'mail.whxc-logistics.com', 4))),
        body,
      ]),
      receivedAt,
      isSubmission: false,
      late: false,
      applicant: null,
      hasForm2: false,
      attachments: [],
      flags: ['NOT_A_SUBMISSION'],
    });
  }

  // s05: a legacy GBK client: GBK subject, sender and file names (喆 and 堃 are GBK-only, not
  // GB2312), one name as RFC 2231, a zip with GBK member names; 附件2 and the scan are missing.
  {
    const a = zherui;
    const receivedAt = at('2025-11-04T16:48:33+08:00');
    const { files, expected } = await submissionAttachments(a, { form2: false, scan: false, gbkZip: true });
    const body = composeGbk({
      from: { name: a.contact_name, address: a.email },
      to: BUREAU,
      subject: `${a.unit_name}+武汉市数据集征集`,
      date: before(receivedAt, 41),
      messageId: '<000a01dc4d5e$5e6f7a80$1b2c3d4e@zherui-agri.cn>',
      boundary: '0001_01DC4D5E.5E6F7A80',
      text: `武汉市数据局:\n  附件为我公司申报材料(基本信息征集表、汇总表和数据集样例),请查收。\n\n${a.contact_name} ${a.contact_phone}`,
      headers: { 'X-Mailer': 'Microsoft Outlook 14.0', 'X-MimeOLE': 'Produced By Microsoft MimeOLE' },
      attachments: files,
      rfc2231: [files[1].filename],
    });
    samples.push({
      file: 's05-gbk-names-missing-form2.eml',
      description:
        'Legacy GBK client: GBK RFC 2047 subject/sender/names (GBK-only characters 喆 堃), one RFC 2231 GBK name, GBK zip member names; 附件2 and the stamped scan are missing.',
      eml: Buffer.concat([Buffer.from(mxHeaders(a.email, delivery(receivedAt, '+0800', 'mail.zherui-agri.cn', 5))), body]),
      receivedAt,
      isSubmission: true,
      late: false,
      applicant: a,
      hasForm2: false,
      attachments: expected,
      flags: ['MISSING_ATTACHMENT:form2', 'MISSING_ATTACHMENT:stamped_scan'],
    });
  }
  return samples.sort((x, y) => x.receivedAt.getTime() - y.receivedAt.getTime());
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'test', 'fixtures', 'sample-mailbox'));
  await mkdir(out, { recursive: true });
  for (const f of await readdir(out)) if (/\.(eml|json)$/.test(f)) await rm(join(out, f));
  const samples = await buildSamples();
  for (const s of samples) {
    await writeFile(join(out, s.file), s.eml);
    const expected = {
      file: s.file,
      received_at: toShanghaiIso(s.receivedAt),
      is_submission: s.isSubmission,
      late: s.late,
      submission: s.isSubmission && s.applicant ? expectedSubmission(s.applicant, s.hasForm2) : null,
      attachments: s.attachments,
      flags: [...s.flags].sort(),
      notes: s.description,
    };
    await writeFile(join(out, s.file.replace(/\.eml$/, '.expected.json')), `${JSON.stringify(expected, null, 2)}\n`);
  }
  const index = {
    set: 'sample',
    count: samples.length,
    deadline: '2025-11-05T23:59:59+08:00',
    processing_order: 'received_at ascending',
    emails: samples.map((s) => ({
      file: s.file,
      expected: s.file.replace(/\.eml$/, '.expected.json'),
      received_at: toShanghaiIso(s.receivedAt),
      is_submission: s.isSubmission,
      description: s.description,
    })),
  };
  await writeFile(join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  process.stdout.write(`wrote ${samples.length} emails to ${out}\n`);
}

await main();
