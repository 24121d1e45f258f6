// The contract of an application (spec section "Application"), row by row, on the pure rules.
import { describe, expect, it } from 'vitest';
import { applicationJson } from '../../../src/applications/application-json.ts';
import type { ApplicationMember } from '../../../src/applications/application-types.ts';
import { buildApplication } from '../../../src/applications/build-application.ts';
import { groupMembers } from '../../../src/applications/group-members.ts';
import { wuhanDatasetCall2025 as campaign } from '../../../src/campaign/campaign.ts';
import { usccCheckChar } from '../../../src/validate/uscc.ts';
import { makeCase, makeRow } from '../validate/make-extraction.ts';
import { member } from './member-fixtures.ts';

const build = (...members: ApplicationMember[]) => applicationJson(buildApplication(members, campaign));
const codes = (...members: ApplicationMember[]) => build(...members).flags;
const OTHER = { uscc: '91420106MAE2CGBU98', unit_name: '武汉晴川教育科技有限公司' };

describe('members: grouped by the unit identity of versions', () => {
  const ids = (groups: ApplicationMember[][]) => groups.map((g) => g.map((m) => m.submissionId));

  it('joins emails sharing the 统一社会信用代码 or the normalized unit name, transitively', () => {
    const a = member({ id: '1', at: '2025-10-30T10:00:00+08:00', sender: 'a@x.cn' });
    const renamed = member({ id: '2', at: '2025-10-31T10:00:00+08:00', sender: 'b@x.cn', submission: { unit_name: '新名称有限公司' } });
    const recoded = member({
      id: '3',
      at: '2025-11-01T10:00:00+08:00',
      sender: 'c@x.cn',
      submission: { unit_name: '新名称有限公司', uscc: '91420106MAE2CGBU98' },
    });
    expect(ids(groupMembers([recoded, a, renamed]))).toEqual([['1', '2', '3']]);
  });

  it('keeps units apart that share only a sender (a district official sending for two units)', () => {
    const x = member({ id: '1', at: '2025-10-30T10:00:00+08:00', sender: 'qu@x.gov.cn' });
    const y = member({ id: '2', at: '2025-10-30T11:00:00+08:00', sender: 'qu@x.gov.cn', submission: OTHER });
    expect(ids(groupMembers([x, y]))).toEqual([['1'], ['2']]);
  });

  it('joins an email without 附件1 to the nearest earlier email with documents from the same sender', () => {
    const x = member({ id: '1', at: '2025-10-30T10:00:00+08:00', sender: 'qu@x.gov.cn', carries: ['form1', 'form2', 'form3'] });
    const y = member({
      id: '2',
      at: '2025-10-30T11:00:00+08:00',
      sender: 'qu@x.gov.cn',
      carries: ['form1', 'form2', 'form3'],
      submission: OTHER,
    });
    const scan = member({ id: '3', at: '2025-10-31T09:00:00+08:00', sender: 'qu@x.gov.cn', carries: ['stamped_scan'] });
    const stranger = member({ id: '4', at: '2025-10-31T09:30:00+08:00', sender: 'other@x.cn', carries: ['samples'] });
    expect(ids(groupMembers([stranger, scan, y, x]))).toEqual([['1'], ['2', '3'], ['4']]);
  });

  it('joins a supplement that arrived before any email with documents to the next one from its sender', () => {
    const early = member({ id: '1', at: '2025-10-29T10:00:00+08:00', carries: ['samples'] });
    const forms = member({ id: '2', at: '2025-10-30T10:00:00+08:00', carries: ['form1', 'form2', 'form3'] });
    expect(ids(groupMembers([forms, early]))).toEqual([['1', '2']]);
  });

  it('groups document-less emails of one sender together when the sender never sent documents', () => {
    const a = member({ id: '1', at: '2025-10-29T10:00:00+08:00', carries: ['samples'], sender: 's@x.cn' });
    const b = member({ id: '2', at: '2025-10-30T10:00:00+08:00', carries: ['stamped_scan'], sender: 's@x.cn' });
    expect(ids(groupMembers([b, a]))).toEqual([['1', '2']]);
  });

  it('lists members in received order whatever order they are given in, groups by their first member', () => {
    const ms = [
      member({ id: '1', at: '2025-10-29T10:00:00+08:00' }),
      member({ id: '2', at: '2025-10-29T11:00:00+08:00', sender: 'y@x.cn', submission: OTHER }),
      member({ id: '3', at: '2025-10-30T10:00:00+08:00', carries: ['samples'] }),
    ];
    const expected = [['1', '3'], ['2']];
    expect(ids(groupMembers(ms))).toEqual(expected);
    expect(ids(groupMembers([...ms].reverse()))).toEqual(expected);
    expect(build(ms[2], ms[0]).members.map((m) => m.message_id)).toEqual(['m1@example.cn', 'm3@example.cn']);
  });
});

describe('materials: the readable file of each kind from the latest member that has one', () => {
  it('takes each kind from the latest member that brought it, with where it came from', () => {
    const forms = member({ id: '1', at: '2025-11-03T10:00:00+08:00', carries: ['form1', 'form2', 'form3'] });
    const rest = member({ id: '2', at: '2025-11-04T09:00:00+08:00', carries: ['stamped_scan', 'samples'] });
    const corrected = member({
      id: '3',
      at: '2025-11-06T10:00:00+08:00',
      late: true,
      carries: ['form1'],
      files: [{ filename: '附件1(更正).docx', kind: 'form1', readable: true }],
    });
    const { materials } = build(forms, rest, corrected);
    expect(materials.form1).toEqual({
      filename: '附件1(更正).docx',
      message_id: 'm3@example.cn',
      received_at: '2025-11-06T10:00:00+08:00',
      late: true,
    });
    expect(materials.form2?.message_id).toBe('m1@example.cn');
    expect(materials.stamped_scan?.message_id).toBe('m2@example.cn');
    expect(materials.samples?.filename).toBe('样例.zip');
  });

  it('never lets an unreadable file replace a readable one', () => {
    const first = member({ id: '1', at: '2025-11-04T16:00:00+08:00' });
    const broken = member({
      id: '2',
      at: '2025-11-05T11:00:00+08:00',
      carries: ['form3'],
      files: [{ filename: '附件3.xlsx', kind: 'form3', readable: false }],
    });
    const app = build(first, broken);
    expect(app.materials.form3?.message_id).toBe('m1@example.cn');
    expect(app.flags).toEqual([]);
  });

  it('counts a kind brought only unreadable as missing', () => {
    const broken = member({
      id: '1',
      at: '2025-11-04T16:00:00+08:00',
      files: [
        { filename: '附件1.docx', kind: 'form1', readable: true },
        { filename: '附件2.docx', kind: 'form2', readable: true },
        { filename: '附件3.xlsx', kind: 'form3', readable: true },
        { filename: '盖章件.pdf', kind: 'stamped_scan', readable: false },
        { filename: '样例.zip', kind: 'samples', readable: true },
      ],
    });
    const app = build(broken);
    expect(app.materials.stamped_scan).toBeNull();
    expect(app.flags).toEqual(['MISSING_ATTACHMENT:stamped_scan']);
  });

  it('finds a kind inside an archive, preferring the MIME attachment when both exist', () => {
    const zipped = member({
      id: '1',
      at: '2025-11-04T16:00:00+08:00',
      files: [
        { filename: '申报材料.zip', kind: 'archive', readable: true },
        { filename: '材料/附件1.docx', kind: 'form1', readable: true },
        { filename: '附件2.docx', kind: 'form2', readable: true },
        { filename: '附件3.xlsx', kind: 'form3', readable: true },
        { filename: '盖章件.pdf', kind: 'stamped_scan', readable: true },
        { filename: '样例.zip', kind: 'samples', readable: true },
        { filename: '样例/a.csv', kind: 'samples', readable: true },
      ],
    });
    const { materials } = build(zipped);
    expect(materials.form1?.filename).toBe('材料/附件1.docx');
    expect(materials.samples?.filename).toBe('样例.zip');
  });
});

describe('record: each part whole from the member whose file was chosen', () => {
  it('takes unit fields and cases from the chosen 附件1, intro from 附件2, rows from 附件3', () => {
    const first = member({ id: '1', at: '2025-11-02T10:00:00+08:00', submission: { contact_phone: '1387105562' } });
    const fixed = member({
      id: '2',
      at: '2025-11-06T10:00:00+08:00',
      late: true,
      carries: ['form1'],
      submission: { contact_phone: '13871055620', contact_title: null },
    });
    const app = build(first, fixed);
    expect(app.submission.contact_phone).toBe('13871055620');
    // Not filled in field by field from the older 附件1.
    expect(app.submission.contact_title).toBeNull();
    expect(app.submission.intro).toEqual(first.submission.intro);
    expect(app.submission.summary_rows).toEqual(first.submission.summary_rows);
  });

  it('names the unit from the record; without 附件1 from the latest conforming subject, else from 附件3', () => {
    expect(build(member({ id: '1', at: '2025-11-02T10:00:00+08:00' }))).toMatchObject({
      unit_name: '武汉光谷云图信息技术有限公司',
      uscc: '91420100MAHY6MBT91',
    });
    const noForm1 = member({
      id: '1',
      at: '2025-11-02T10:00:00+08:00',
      carries: ['form3', 'samples'],
      subject: '光谷云图+武汉市数据集征集',
    });
    expect(build(noForm1)).toMatchObject({ unit_name: '光谷云图', uscc: null });
    const plainSubject = member({ id: '1', at: '2025-11-02T10:00:00+08:00', carries: ['form3'], subject: '材料' });
    expect(build(plainSubject).unit_name).toBe('武汉光谷云图信息技术有限公司');
  });
});

describe('flags: the field and material rules on the merged record', () => {
  const at = '2025-11-02T10:00:00+08:00';

  it('raises MISSING_ATTACHMENT only for kinds no member brought', () => {
    expect(
      codes(member({ id: '1', at, carries: ['form1', 'form2'] }), member({ id: '2', at: '2025-11-03T10:00:00+08:00', carries: ['form3'] })),
    ).toEqual(['MISSING_ATTACHMENT:samples', 'MISSING_ATTACHMENT:stamped_scan']);
  });

  it('raises MISSING_FIELD, INVALID_USCC, INVALID_PHONE, OVER_LENGTH and INVALID_CHOICE on the chosen 附件1', () => {
    const bad = member({
      id: '1',
      at,
      submission: {
        unit_address: null,
        uscc: '91420100MAHY6MBT9X',
        contact_phone: '12345',
        cases: [makeCase({ overview: '长'.repeat(201), directions: [] })],
      },
    });
    expect(codes(bad)).toEqual(
      [
        'INVALID_CHOICE:cases[1].directions',
        'INVALID_PHONE',
        'INVALID_USCC',
        'MISSING_FIELD:unit_address',
        'OVER_LENGTH:cases[1].overview',
      ].sort(),
    );
    // A corrected 附件1 clears them.
    expect(codes(bad, member({ id: '2', at: '2025-11-03T10:00:00+08:00', carries: ['form1'] }))).toEqual([]);
  });

  it('raises NON_WUHAN_USCC for a valid code registered elsewhere', () => {
    const beijing = `91110108MA01AAAA0${usccCheckChar('91110108MA01AAAA0')}`;
    expect(codes(member({ id: '1', at, submission: { uscc: beijing } }))).toEqual(['NON_WUHAN_USCC']);
  });

  it('raises INCONSISTENT between the chosen 附件1 and the chosen 附件3, even from two emails', () => {
    const forms = member({ id: '1', at, carries: ['form1', 'form2', 'stamped_scan', 'samples'] });
    const form3 = member({
      id: '2',
      at: '2025-11-03T10:00:00+08:00',
      carries: ['form3'],
      submission: { summary_rows: [makeRow({ case_name: '另一个案例' })] },
    });
    expect(codes(forms, form3)).toEqual(['INCONSISTENT:cases[1].case_name']);
  });

  it('raises LATE when a chosen material came after the deadline, not for a late email whose files were not chosen', () => {
    const onTime = member({ id: '1', at: '2025-11-05T23:41:12+08:00', carries: ['form1', 'form2', 'form3', 'stamped_scan'] });
    const lateSamples = member({ id: '2', at: '2025-11-06T00:06:47+08:00', late: true, carries: ['samples'] });
    expect(codes(onTime, lateSamples)).toEqual(['LATE']);
    const lateBroken = member({
      id: '3',
      at: '2025-11-06T00:06:47+08:00',
      late: true,
      carries: ['form3'],
      files: [{ filename: '附件3.xlsx', kind: 'form3', readable: false }],
    });
    expect(codes(member({ id: '1', at }), lateBroken)).toEqual([]);
  });

  it('leaves out the per-email codes (subject, resubmission, links, scans, unreadable files)', () => {
    const m = member({
      id: '1',
      at,
      subject: '申报材料',
      files: [
        { filename: '附件1.docx', kind: 'form1', readable: true },
        { filename: '附件2.docx', kind: 'form2', readable: true },
        { filename: '附件3.xlsx', kind: 'form3', readable: true },
        { filename: '盖章件.pdf', kind: 'stamped_scan', readable: true },
        { filename: '样例.zip', kind: 'samples', readable: true },
        { filename: '坏.docx', kind: 'other', readable: false },
      ],
    });
    expect(codes(m, member({ id: '2', at: '2025-11-03T10:00:00+08:00' }))).toEqual([]);
  });
});

describe('complete and complete_on_time', () => {
  it('is complete with every material and no empty required field', () => {
    expect(build(member({ id: '1', at: '2025-11-02T10:00:00+08:00' }))).toMatchObject({ complete: true, complete_on_time: true });
    expect(build(member({ id: '1', at: '2025-11-02T10:00:00+08:00', submission: { contact_name: null } }))).toMatchObject({
      complete: false,
      complete_on_time: false,
    });
  });

  it('is complete on time when the on-time members alone are complete (a correction after the deadline)', () => {
    const onTime = member({ id: '1', at: '2025-11-02T10:00:00+08:00' });
    const corrected = member({ id: '2', at: '2025-11-06T10:05:33+08:00', late: true, carries: ['form1'] });
    expect(build(onTime, corrected)).toMatchObject({ flags: ['LATE'], complete: true, complete_on_time: true });
  });

  it('is not complete on time when a material only came after the deadline', () => {
    const onTime = member({ id: '1', at: '2025-11-05T23:41:12+08:00', carries: ['form1', 'form2', 'form3', 'stamped_scan'] });
    const lateSamples = member({ id: '2', at: '2025-11-06T00:06:47+08:00', late: true, carries: ['samples'] });
    expect(build(onTime, lateSamples)).toMatchObject({ complete: true, complete_on_time: false });
    expect(build(member({ id: '3', at: '2025-11-07T10:00:00+08:00', late: true }))).toMatchObject({
      complete: true,
      complete_on_time: false,
    });
  });
});
