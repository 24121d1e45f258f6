import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignWithDeadline, wuhanDatasetCall2025 as campaign } from '../../../src/campaign/campaign.ts';
import { RULES } from '../../../src/validate/rules.ts';
import { validateExtraction } from '../../../src/validate/validate.ts';
import type { Extraction } from '../../../src/types.ts';
import { allMaterials, makeCase, makeEmail, makeExtraction, makeFile, makeRow, makeSubmission } from './make-extraction.ts';

const codes = (x: Extraction, isResubmission = false) =>
  validateExtraction(x, { campaign, isResubmission })
    .map((f) => f.code)
    .sort();

describe('validateExtraction', () => {
  it('raises nothing on a complete, consistent, on-time submission', () => {
    expect(codes(makeExtraction())).toEqual([]);
  });

  it('gives a non-submission exactly NOT_A_SUBMISSION', () => {
    const x = makeExtraction({ notSubmissionReason: 'auto-reply', submission: null, files: [] });
    expect(codes(x, true)).toEqual(['NOT_A_SUBMISSION']);
  });

  it('judges lateness on the receipt instant against the campaign deadline', () => {
    const at = (iso: string) => codes(makeExtraction({ email: makeEmail({ receivedAt: new Date(iso) }) }));
    expect(at('2025-11-05T23:59:59+08:00')).toEqual([]);
    expect(at('2025-11-05T16:30:00Z')).toEqual(['LATE']);
    const later = campaignWithDeadline(new Date('2025-11-20T23:59:59+08:00'));
    const x = makeExtraction({ email: makeEmail({ receivedAt: new Date('2025-11-10T09:00:00+08:00') }) });
    expect(validateExtraction(x, { campaign: later, isResubmission: false })).toEqual([]);
  });

  it('counts archive members and unreadable files as present materials', () => {
    const files = [
      makeFile('all.zip', 'archive', { format: 'zip' }),
      makeFile('包/附件1.docx', 'form1', { parentIndex: 0, depth: 1 }),
      makeFile('包/附件2.docx', 'form2', { parentIndex: 0, depth: 1, readable: false }),
      makeFile('包/附件3.xlsx', 'form3', { parentIndex: 0, depth: 1 }),
      makeFile('包/样例.zip', 'samples', { parentIndex: 0, depth: 1 }),
    ];
    expect(codes(makeExtraction({ files, submission: makeSubmission({ intro: null }) }))).toEqual([
      'MISSING_ATTACHMENT:stamped_scan',
      'UNREADABLE_ATTACHMENT:包/附件2.docx',
    ]);
  });

  it('raises SCANNED_PDF once for any readable PDF without a text layer, never for unreadable ones', () => {
    const scan = (name: string) =>
      makeFile(name, 'other', { format: 'pdf', parsed: { format: 'pdf', blocks: [], text: '', hasTextLayer: false } });
    const files = [...allMaterials(), scan('执照.pdf'), scan('证明.pdf')];
    expect(codes(makeExtraction({ files }))).toEqual(['SCANNED_PDF']);
    const locked = makeFile('加密.pdf', 'other', { format: 'pdf', readable: false });
    expect(codes(makeExtraction({ files: [...allMaterials(), locked] }))).toEqual(['UNREADABLE_ATTACHMENT:加密.pdf']);
  });

  it('skips the fields of documents that are absent or unreadable', () => {
    const submission = makeSubmission({
      unit_name: null,
      uscc: null,
      unit_address: null,
      contact_name: null,
      contact_title: null,
      contact_phone: null,
      declared_date: null,
      cases: null,
      intro: null,
      summary_rows: null,
    });
    const files = allMaterials().filter((f) => f.kind === 'stamped_scan' || f.kind === 'samples');
    expect(codes(makeExtraction({ submission, files }))).toEqual([
      'MISSING_ATTACHMENT:form1',
      'MISSING_ATTACHMENT:form2',
      'MISSING_ATTACHMENT:form3',
    ]);
  });

  it('names required fields of read documents, with 1-based case indices', () => {
    const submission = makeSubmission({
      unit_address: '  ',
      contact_phone: null,
      contact_title: null,
      declared_date: null,
      cases: [makeCase(), makeCase({ overview: null, dataset_name: '' })],
      intro: { background: null, innovation: '创新', effects: '成效', materials: null },
      summary_rows: [makeRow(), makeRow({ seq: 2 })],
    });
    expect(codes(makeExtraction({ submission }))).toEqual([
      'MISSING_FIELD:cases[2].dataset_name',
      'MISSING_FIELD:cases[2].overview',
      'MISSING_FIELD:contact_phone',
      'MISSING_FIELD:intro.background',
      'MISSING_FIELD:unit_address',
    ]);
  });

  it('checks option sets: nothing ticked, unanswered yes/no, values outside the list', () => {
    const c = makeCase({
      directions: [],
      industries: ['航天'],
      modalities: [],
      agree_publicity: null,
      listed_elsewhere: null,
      involves_personal_info: null,
      dataset_category: '专用数据集',
    });
    expect(
      codes(makeExtraction({ submission: makeSubmission({ cases: [c], summary_rows: [makeRow({ dataset_category: null })] }) })),
    ).toEqual([
      'INVALID_CHOICE:cases[1].agree_publicity',
      'INVALID_CHOICE:cases[1].dataset_category',
      'INVALID_CHOICE:cases[1].directions',
      'INVALID_CHOICE:cases[1].industries',
      'INVALID_CHOICE:cases[1].involves_personal_info',
    ]);
  });

  it('accepts the short category form 行业通识', () => {
    const c = makeCase({ dataset_category: '行业通识' });
    expect(
      codes(
        makeExtraction({ submission: makeSubmission({ cases: [c], summary_rows: [makeRow({ dataset_category: '行业通识数据集' })] }) }),
      ),
    ).toEqual([]);
  });

  it('limits overview to 200 and scenarios to 500 characters, trimmed, newlines excluded', () => {
    const ok = makeCase({ overview: ` ${'字'.repeat(100)}\n${'字'.repeat(100)}\r\n `, scenarios: '景'.repeat(500) });
    expect(codes(makeExtraction({ submission: makeSubmission({ cases: [ok] }) }))).toEqual([]);
    const long = makeCase({ overview: '字'.repeat(201), scenarios: `${'景'.repeat(250)} ${'景'.repeat(250)}` });
    expect(codes(makeExtraction({ submission: makeSubmission({ cases: [long] }) }))).toEqual([
      'OVER_LENGTH:cases[1].overview',
      'OVER_LENGTH:cases[1].scenarios',
    ]);
  });

  it('compares 附件3 with 附件1 by value', () => {
    const same = makeRow({
      structured_scale: '10万条',
      unstructured_scale: '图片 1TB,视频 1024GB',
      case_name: ' 交通事件图像数据集赋能城市智慧交管 ',
    });
    expect(codes(makeExtraction({ submission: makeSubmission({ summary_rows: [same] }) }))).toEqual([]);
    const differs = makeRow({
      case_name: '另一个案例',
      dataset_category: '行业通识数据集',
      structured_scale: '50万条',
      unstructured_scale: '/',
      unit_name: '武汉另一家公司',
    });
    expect(codes(makeExtraction({ submission: makeSubmission({ summary_rows: [differs] }) }))).toEqual([
      'INCONSISTENT:cases[1].case_name',
      'INCONSISTENT:cases[1].dataset_category',
      'INCONSISTENT:cases[1].structured_rows',
      'INCONSISTENT:cases[1].unstructured_gb',
      'INCONSISTENT:unit_name',
    ]);
  });

  it('treats "/" on both sides as the same (no scale) and a missing 附件3 row as a disagreement', () => {
    const c = makeCase({ unstructured_gb: null, unstructured_gb_text: '/' });
    const row = makeRow({ unstructured_scale: '/' });
    expect(codes(makeExtraction({ submission: makeSubmission({ cases: [c, makeCase()], summary_rows: [row] }) }))).toEqual([
      'INCONSISTENT:cases[2].case_name',
    ]);
  });

  it('raises USCC, phone, subject, link and resubmission flags', () => {
    const x = makeExtraction({
      email: makeEmail({ subject: '回复: 光谷云图申报武汉市数据集征集' }),
      submission: makeSubmission({ uscc: '91440106MAHNJ68F2R', contact_phone: '1387105562' }),
      externalLinks: ['https://pan.baidu.com/s/1abc'],
    });
    expect(codes(x, true)).toEqual(['EXTERNAL_LINK', 'INVALID_PHONE', 'NON_WUHAN_USCC', 'RESUBMISSION', 'SUBJECT_FORMAT']);
    const bad = makeExtraction({ submission: makeSubmission({ uscc: '91420106MA9M0R0K03' }) });
    expect(codes(bad)).toEqual(['INVALID_USCC']);
  });

  it('writes every message in Chinese', () => {
    const x = makeExtraction({ files: [], email: makeEmail({ subject: '' }), submission: makeSubmission({ uscc: 'X' }) });
    for (const f of validateExtraction(x, { campaign, isResubmission: true })) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('docs/validation-rules.md', () => {
  it('documents every rule code of the table', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/validation-rules.md'), 'utf8');
    for (const rule of [...RULES.map((r) => r.code), 'NOT_A_SUBMISSION']) expect(doc).toContain(`\`${rule}`);
  });
});
