import { describe, expect, it } from 'vitest';
import { findExternalLinks, isDownloadLink } from '../../../src/classify/external-links.ts';
import { detectNotSubmission } from '../../../src/classify/not-submission.ts';
import { isResubmissionOf, sameUnit, unitKeys } from '../../../src/versions/version-chain.ts';
import { allMaterials, makeEmail, makeExtraction, makeFile, makeSubmission } from './make-extraction.ts';

const BIG = 'https://mail.163.com/large-attachment-download/index.html?p=X66x&file=M8io&title=单位+武汉市数据集征集.zip';

describe('findExternalLinks', () => {
  it('finds a 163 超大附件 link in the HTML body, entities decoded, once', () => {
    const html = `<div>请点击下载</div><a href="${BIG.replace(/&/g, '&amp;')}"><img src="https://mimg.127.net/xm/all/fj/ico-bfile-6.gif"></a><a href="${BIG.replace(/&/g, '&amp;')}">进入下载页面</a>`;
    expect(findExternalLinks(makeEmail({ html }))).toEqual([BIG]);
  });

  it('finds cloud-drive links in plain text and ignores signature links', () => {
    const text = '样例数据较大，网盘链接：https://pan.baidu.com/s/1AbCdEf 提取码：x7k2。\n公司主页 https://www.example.com.cn/';
    expect(findExternalLinks(makeEmail({ text }))).toEqual(['https://pan.baidu.com/s/1AbCdEf']);
  });

  it('ignores links in the quoted history of a reply but keeps them in a forward', () => {
    const html = `<div>已补充材料，见附件。</div><blockquote id="isReplyContent"><a href="${BIG}">下载</a></blockquote>`;
    expect(findExternalLinks(makeEmail({ subject: '回复:单位+武汉市数据集征集', html }))).toEqual([]);
    expect(findExternalLinks(makeEmail({ subject: '转发:单位+武汉市数据集征集', html }))).toEqual([BIG]);
    const text = `已补充。\n\n在 2025-11-04 20:15:09,"彭" <a@163.com> 写道:\n> ${BIG}`;
    expect(findExternalLinks(makeEmail({ subject: 'Re: x', text }))).toEqual([]);
  });

  it('ends a plain-text link at the Chinese text glued to it', () => {
    const text = '链接:https://pan.baidu.com/s/1AbCdEf提取码:x7k2，夸克https://pan.quark.cn/s/9f8e7d（长期有效）';
    expect(findExternalLinks(makeEmail({ text }))).toEqual(['https://pan.baidu.com/s/1AbCdEf', 'https://pan.quark.cn/s/9f8e7d']);
  });

  it('knows the common download hosts', () => {
    for (const url of [
      'https://fs.163.com/fs/display/?p=abc',
      'https://pan.quark.cn/s/abc',
      'https://share.weiyun.com/abc',
      'https://www.alipan.com/s/abc',
      'https://wx.mail.qq.com/ftn/download?func=3&k=abc',
    ]) {
      expect(isDownloadLink(url)).toBe(true);
    }
    for (const url of ['https://www.163.com/', 'https://mail.163.com/dashi/dlpro.html?from=mail81', 'https://sjj.wuhan.gov.cn/']) {
      expect(isDownloadLink(url)).toBe(false);
    }
  });
});

describe('detectNotSubmission', () => {
  const submissionEmail = makeEmail();

  it('keeps an email with materials, or with only a download link', () => {
    expect(detectNotSubmission(submissionEmail, allMaterials(), [])).toBeNull();
    expect(detectNotSubmission(submissionEmail, [], [BIG])).toBeNull();
  });

  it('recognizes auto-replies by RFC 3834 and vendor headers, whatever is attached', () => {
    const variants: Record<string, string>[] = [
      { 'auto-submitted': 'auto-replied' },
      { 'auto-submitted': 'auto-generated' },
      { 'x-autoreply': 'yes' },
      { 'x-autorespond': '1' },
      { precedence: 'auto_reply' },
    ];
    for (const headers of variants) {
      expect(detectNotSubmission(makeEmail({ headers }), allMaterials(), [])).toMatch(/auto-reply/);
    }
    expect(detectNotSubmission(makeEmail({ headers: { 'auto-submitted': 'no' } }), allMaterials(), [])).toBeNull();
  });

  it('treats Precedence: bulk as a hint that does not override attached forms', () => {
    const email = makeEmail({ headers: { precedence: 'bulk' } });
    expect(detectNotSubmission(email, [], [])).toMatch(/bulk/);
    expect(detectNotSubmission(email, allMaterials(), [])).toBeNull();
  });

  it('trusts an auto-reply subject only without materials', () => {
    const email = makeEmail({ subject: '自动答复: 已收到:单位+武汉市数据集征集' });
    expect(detectNotSubmission(email, [], [])).toMatch(/auto-reply/);
    expect(detectNotSubmission(makeEmail({ subject: 'Out of Office: x' }), [], [])).toMatch(/auto-reply/);
    expect(detectNotSubmission(email, allMaterials(), [])).toBeNull();
  });

  it('recognizes bounces and read receipts', () => {
    expect(detectNotSubmission(makeEmail({ isReport: true }), [], [])).toMatch(/delivery/);
    expect(detectNotSubmission(makeEmail({ fromAddress: 'MAILER-DAEMON@m16.mail.163.com' }), [], [])).toMatch(/delivery/);
    const receipt = makeEmail({ isReport: true, headers: { 'content-type': 'multipart/report; report-type=disposition-notification' } });
    expect(detectNotSubmission(receipt, [], [])).toMatch(/read receipt/);
    expect(detectNotSubmission(makeEmail({ subject: '已读: 单位+武汉市数据集征集' }), [], [])).toMatch(/read receipt/);
  });

  it('tells questions and spam without materials apart in the reason', () => {
    expect(detectNotSubmission(makeEmail({ subject: '咨询:分公司能否申报?', text: '请问可以吗？' }), [], [])).toMatch(/question/);
    expect(detectNotSubmission(makeEmail({ subject: '各类发票、咨询微信', text: '本公司长期提供发票' }), [], [])).toMatch(/spam/);
    expect(detectNotSubmission(makeEmail({ subject: '营业执照' }), [makeFile('执照.pdf', 'other')], [])).not.toBeNull();
  });

  it('treats a question that attaches one document as a question', () => {
    const email = makeEmail({ subject: '请问附件1模板这样填写可以吗？' });
    expect(detectNotSubmission(email, [makeFile('附件1.docx', 'form1')], [])).toMatch(/question/);
  });
});

describe('detectNotSubmission without a form', () => {
  const pdf = () => makeFile('发票.pdf', 'stamped_scan', { format: 'pdf' });

  it('treats spam attaching a PDF or a spreadsheet as spam when it never mentions the call', () => {
    const spam = makeEmail({ subject: '代开各类增值税发票', text: '长期代开发票，详见附件。' });
    expect(detectNotSubmission(spam, [pdf()], [])).toMatch(/spam/);
    expect(detectNotSubmission(spam, [makeFile('报价单.xlsx', 'samples', { format: 'xlsx' })], [])).toMatch(/spam/);
  });

  it('keeps a lone sealed scan that names the call in the subject or the body', () => {
    expect(detectNotSubmission(makeEmail(), [pdf()], [])).toBeNull();
    expect(detectNotSubmission(makeEmail({ subject: '补发盖章件', text: '我单位数据集征集申报材料的盖章扫描件' }), [pdf()], [])).toBeNull();
  });

  it('keeps a 补充材料 email that names only the material it carries (a member of its application)', () => {
    const scanOnly = makeEmail({ subject: '盖章扫描件', text: '盖章扫描件见附件。' });
    expect(detectNotSubmission(scanOnly, [makeFile('盖章扫描件.pdf', 'stamped_scan', { format: 'pdf' })], [])).toBeNull();
  });

  it('reads a question asked only in the body, when the subject has no plus sign', () => {
    const email = makeEmail({ subject: '武汉市数据集征集', text: '您好，请问附件1中的数据集规模怎么填写？' });
    expect(detectNotSubmission(email, [makeFile('附件1.docx', 'form1')], [])).toMatch(/question/);
    const withPlus = makeEmail({ text: '请问这样可以吗？' });
    expect(detectNotSubmission(withPlus, [makeFile('附件1.docx', 'form1')], [])).toBeNull();
  });
});

describe('unit keys and versions', () => {
  const withUnit = (uscc: string | null, unit_name: string | null, fromAddress = 'a@example.cn') =>
    makeExtraction({ email: makeEmail({ fromAddress }), submission: makeSubmission({ uscc, unit_name }) });

  it('builds uscc, normalized unit and sender keys', () => {
    expect(unitKeys(withUnit(' 91420100mahy6mbt91', '武汉光谷云图（信息）技术 有限公司', 'LiMing@Example.CN'))).toEqual([
      'uscc:91420100MAHY6MBT91',
      'unit:武汉光谷云图信息技术有限公司',
      'sender:liming@example.cn',
    ]);
  });

  it('matches on the same code, else the same name, else the same sender', () => {
    const v1 = unitKeys(withUnit('91420116869355115R', '武汉云梦能源科技有限公司'));
    expect(sameUnit(unitKeys(withUnit('91420116869355115R', '云梦能源', 'b@x.cn')), v1)).toBe(true);
    expect(sameUnit(unitKeys(withUnit('91420116869355115X', '武汉云梦能源科技有限公司', 'b@x.cn')), v1)).toBe(true);
    // One sender forwarding two different units' materials: two units.
    expect(sameUnit(unitKeys(withUnit('91420100MAHY6MBT91', '武汉光谷云图信息技术有限公司')), v1)).toBe(false);
    // A link-only email (no 附件1) and the later full submission from the same address: one unit.
    expect(sameUnit(unitKeys(withUnit(null, null)), v1)).toBe(true);
    expect(sameUnit(unitKeys(withUnit(null, null, 'other@x.cn')), v1)).toBe(false);
  });

  it('isResubmissionOf looks at every earlier submission', () => {
    const v1 = unitKeys(withUnit('91420116869355115R', '武汉云梦能源科技有限公司'));
    expect(isResubmissionOf(v1, [])).toBe(false);
    expect(isResubmissionOf(v1, [['sender:z@x.cn'], v1])).toBe(true);
  });
});
