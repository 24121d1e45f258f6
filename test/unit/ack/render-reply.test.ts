import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ackReference, buildAckView, type AckFacts } from '../../../src/ack/ack-view.ts';
import { toShanghaiText } from '../../../src/campaign/deadline.ts';
import { renderReply, replySubject } from '../../../src/ack/render-reply.ts';
import { ackFacts } from '../../../src/ack/write-ack-intent.ts';
import { wuhanDatasetCall2025 } from '../../../src/campaign/campaign.ts';
import { projectRoot } from '../../helpers/paths.ts';

const templates = resolve(projectRoot, 'templates/ack');
const facts = (over: Partial<AckFacts> = {}): AckFacts => ({
  messageRowId: '123',
  receivedAt: new Date('2025-11-03T02:05:00Z'),
  originalSubject: '武汉江城智算科技有限公司+武汉市数据集征集',
  unitName: '武汉江城智算科技有限公司',
  senderName: '张三',
  brought: [
    { kind: 'form1', filename: '附件1.docx', readable: true },
    { kind: 'form3', filename: '附件3.xlsx', readable: false },
  ],
  held: {
    form1: { filename: '附件1.docx', receivedAt: new Date('2025-11-03T02:05:00Z') },
    form2: null,
    form3: null,
    stamped_scan: { filename: '盖章件.pdf', receivedAt: new Date('2025-11-01T01:00:00Z') },
    samples: null,
  },
  flags: [
    { code: 'MISSING_ATTACHMENT', severity: 'error', message: '邮件中缺少附件2 案例介绍，请补充发送。' },
    { code: 'RESUBMISSION', severity: 'info', message: '该单位此前已提交过申报材料。' },
  ],
  complete: false,
  ...over,
});

describe('acknowledgement content', () => {
  it('says, in Chinese, when it arrived, what it brought, what is held and missing, and whom to call', () => {
    const view = buildAckView(facts(), wuhanDatasetCall2025);
    const { subject, text, html } = renderReply(view, templates);
    expect(subject).toBe('回复：武汉江城智算科技有限公司+武汉市数据集征集');
    expect(view.reference).toBe('WHSJ-20251103-000123');
    expect(text).toContain('回执编号：WHSJ-20251103-000123');
    expect(text).toContain('收件时间：2025年11月3日 10:05（北京时间）');
    expect(text).toContain('附件1 基本信息征集表：附件1.docx');
    expect(text).toContain('附件3 汇总表：附件3.xlsx（文件无法读取');
    expect(text).toContain('盖章扫描件：已收到（盖章件.pdf，2025年11月1日 09:00）');
    expect(text).toContain('附件2 案例介绍：未收到');
    expect(text).toContain('1. 邮件中缺少附件2 案例介绍，请补充发送。');
    expect(text).not.toContain('此前已提交过'); // bookkeeping flags are not the applicant's problem
    expect(text).toContain('张嵘钧 张晓琪，电话 65770039');
    expect(text).not.toContain('特别提示');
    expect(html).toContain('<strong>WHSJ-20251103-000123</strong>');
  });

  it('adds the late notice after the deadline', () => {
    const { text } = renderReply(buildAckView(facts({ receivedAt: new Date('2025-11-05T16:00:00Z') }), wuhanDatasetCall2025), templates);
    expect(text).toContain('特别提示：本邮件收到时间晚于征集截止时间（2025年11月5日 23:59，北京时间）');
  });

  it('never renders text from an email raw into the HTML', () => {
    const hostile = facts({
      originalSubject: '<script>alert(1)</script>+武汉市数据集征集',
      unitName: '<img src=x onerror=alert(1)>',
      brought: [{ kind: 'form1', filename: '"><b>x</b>.docx', readable: true }],
    });
    const { html, text } = renderReply(buildAckView(hostile, wuhanDatasetCall2025), templates);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;script&gt;');
    expect(text).toContain('<script>alert(1)</script>'); // plain text shows it as text
  });

  it('formats times in Beijing time and builds stable references', () => {
    expect(toShanghaiText(new Date('2025-11-05T16:30:00Z'))).toBe('2025年11月6日 00:30');
    expect(ackReference('7', null)).toBe('WHSJ-00000000-000007');
    expect(replySubject('Re: 问题')).toBe('回复：Re: 问题');
    expect(replySubject('a\r\n b')).toBe('回复：a  b');
  });
});

describe('ackFacts', () => {
  const extraction = {
    email: { subject: 's', fromName: null, messageId: null, headers: {} },
    files: [
      { filename: '样例.zip', kind: 'samples', readable: true, parentIndex: null },
      { filename: 'a.csv', kind: 'samples', readable: true, parentIndex: 0 },
      { filename: '附件3.xlsx', kind: 'form3', readable: false, parentIndex: null },
    ],
    submission: null,
  } as unknown as Parameters<typeof ackFacts>[0]['extraction'];
  const flag = (code: string, message: string) => ({ code, message, severity: 'error' as const });

  it("states the application's problems once, plus this email's own, and marks archive members", () => {
    const facts = ackFacts({
      messageRowId: '1',
      receivedAt: null,
      extraction,
      isSubmission: true,
      flags: [flag('MISSING_ATTACHMENT', '邮件中缺少附件2'), flag('UNREADABLE_ATTACHMENT', '附件3无法读取')],
      application: {
        held: { form1: null, form2: null, form3: null, stamped_scan: null, samples: { filename: '样例.zip', receivedAt: null } },
        flags: [flag('MISSING_ATTACHMENT:form2', '该单位发送的邮件中均没有可读取的附件2')],
        complete: false,
        unitName: 'U',
      },
    });
    expect(facts.flags.map((f) => f.message)).toEqual(['该单位发送的邮件中均没有可读取的附件2', '附件3无法读取']);
    expect(facts.brought.map((b) => b.filename)).toEqual(['样例.zip', 'a.csv（压缩包 样例.zip 内）', '附件3.xlsx']);
  });

  it('never calls a non-submission complete', () => {
    expect(ackFacts({ messageRowId: '1', receivedAt: null, extraction, isSubmission: false, flags: [] }).complete).toBe(false);
  });
});
