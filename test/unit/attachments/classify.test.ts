import { afterAll, describe, expect, it } from 'vitest';
import { classifyFiles } from '../../../src/attachments/classify.ts';
import { expandAttachments } from '../../../src/attachments/expand-attachments.ts';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { makeFoundFile } from '../../../src/mime/found-file.ts';
import { parseMessage } from '../../../src/mime/parse-message.ts';
import { readForm2 } from '../../../src/forms/form2-reader.ts';
import type { Block, FoundFile } from '../../../src/types.ts';
import { buildDocx } from './docx-builder.ts';
import { corpusEmails, hasCorpus } from '../mime/corpus.ts';

const pool = new ParsePool({ size: 2, timeoutMs: 120_000, memoryMb: 512 });
afterAll(() => pool.close());

function file(name: string, patch: Partial<FoundFile>): FoundFile {
  return { ...makeFoundFile(name, '', Buffer.from('x')), readable: true, ...patch };
}

describe('classifyFiles by content and name', () => {
  it('recognizes the forms by their labels whatever the name', () => {
    const form1 = file('新建 Microsoft Word 文档.docx', {
      format: 'docx',
      parsed: { format: 'docx', blocks: [], text: '统一社会信用代码\t9142\n数据集案例名称\t某案例' },
    });
    const form3 = file('Book1.xlsx', {
      format: 'xlsx',
      parsed: {
        format: 'xlsx',
        text: '',
        blocks: [{ type: 'table', rows: [[{ text: '附件3' }], [{ text: '序号' }, { text: '数据集案例名称' }]] }],
      },
    });
    const form2 = file('1.doc', {
      format: 'doc',
      parsed: { format: 'doc', blocks: [], text: '一、背景描述\n...\n二、创新点\n...\n三、应用成效' },
    });
    const profile = file('../../etc/passwd.docx', { format: 'docx', parsed: { format: 'docx', blocks: [], text: '单位简介' } });
    const files = [form1, form3, form2, profile];
    classifyFiles(files);
    expect(files.map((f) => f.kind)).toEqual(['form1', 'form3', 'form2', 'other']);
  });

  it('treats scans and photos as the stamped scan, pictures inside a samples zip as samples', () => {
    const scan = file('SKM_C300i25110312340.pdf', { format: 'pdf', parsed: { format: 'pdf', blocks: [], text: '', hasTextLayer: false } });
    const photo = file('IMG_0001.jpg', { format: 'image', parsed: { format: 'image', blocks: [], text: '' } });
    const zip = file('data.zip', { format: 'zip', parsed: { format: 'zip', blocks: [], text: '' } });
    const member = file('img_001.jpg', { format: 'image', parentIndex: 2, depth: 1, parsed: { format: 'image', blocks: [], text: '' } });
    const files = [scan, photo, zip, member];
    classifyFiles(files);
    expect(files.map((f) => f.kind)).toEqual(['stamped_scan', 'stamped_scan', 'samples', 'samples']);
  });

  it('keeps a licence with a credit code apart from the stamped forms', () => {
    const licence = file('营业执照副本.pdf', {
      format: 'pdf',
      parsed: { format: 'pdf', blocks: [], text: '营业执照 统一社会信用代码 9142...', hasTextLayer: true },
    });
    const stamped = file('附件1.pdf', {
      format: 'pdf',
      parsed: { format: 'pdf', blocks: [], text: '武汉市行业高质量数据集应用典型案例基本信息征集表', hasTextLayer: true },
    });
    const files = [licence, stamped];
    classifyFiles(files);
    expect(files.map((f) => f.kind)).toEqual(['other', 'stamped_scan']);
  });

  it('falls back to the name for unreadable files', () => {
    const files = [
      file('附件2 案例介绍.docx', { format: 'docx', readable: false }),
      file('盖章扫描件(加密).pdf', { format: 'pdf', readable: false }),
      file('样例.zip', { format: 'zip', readable: false }),
    ];
    classifyFiles(files);
    expect(files.map((f) => f.kind)).toEqual(['form2', 'stamped_scan', 'samples']);
  });
});

const paragraphs = (...texts: string[]): Block[] => texts.map((text) => ({ type: 'paragraph', text }));
const rowsTable = (n: number, header: string[]): Block => ({
  type: 'table',
  rows: [header.map((text) => ({ text })), ...Array.from({ length: n }, (_, i) => header.map((_h, j) => ({ text: `${i}-${j}` })))],
});

describe('附件2 with tables', () => {
  it('takes a case introduction with a results table for 附件2 whatever its name', () => {
    const blocks = [
      ...paragraphs('附件2', '一、背景描述', '近年来……', '二、创新点', '1.闭环迭代', '三、应用成效', '成效如下表'),
      rowsTable(5, ['指标', '数值']),
    ];
    const intro = file('案例材料.docx', {
      format: 'docx',
      parsed: { format: 'docx', blocks, text: blocks.map((b) => (b.type === 'paragraph' ? b.text : '')).join('\n') },
    });
    const files = [intro];
    classifyFiles(files);
    expect(files[0].kind).toBe('form2');
  });

  it('still tells 附件1 and 附件3 apart by their own markers', () => {
    // Row labels of 附件1 beside words of the introduction: never 附件2.
    const labels = '负责人、职务及联系方式\n数据集名称及类别\n背景描述\n创新点\n应用成效';
    const form1ish = file('表.docx', {
      format: 'docx',
      parsed: { format: 'docx', blocks: paragraphs(...labels.split('\n')), text: labels },
    });
    const summary = [rowsTable(6, ['序号', '数据集案例名称', '应用成效']), ...paragraphs('一、背景描述', '二、创新点')];
    const form3 = file('汇总.docx', { format: 'docx', parsed: { format: 'docx', blocks: summary, text: '' } });
    const files = [form1ish, form3];
    classifyFiles(files);
    expect(files.map((f) => f.kind)).toEqual(['other', 'form3']);
  });

  it('keeps sample data whose columns carry the section names as samples', () => {
    const sheet = rowsTable(20, ['编号', '背景描述', '创新点', '应用成效']);
    const text = sheet.type === 'table' ? sheet.rows.map((r) => r.map((c) => c.text).join('\t')).join('\n') : '';
    const files = [file('数据.xlsx', { format: 'xlsx', parsed: { format: 'xlsx', blocks: [sheet], text } })];
    classifyFiles(files);
    expect(files[0].kind).toBe('samples');
  });

  it('reads a real .docx 附件2 with a table under 应用成效: classified and its intro read', async () => {
    const docx = buildDocx([
      '附件2',
      '行业高质量数据集应用典型案例介绍模板',
      '一、背景描述',
      '本数据集采集自主城区重点路口。',
      '二、创新点',
      '构建了数据集与模型的闭环迭代机制。',
      '三、应用成效',
      '主要指标如下:',
      [
        ['指标', '数值'],
        ['识别准确率', '95.7%'],
        ['误报率下降', '21%'],
        ['处置时长缩短', '21%'],
        ['服务训练次数', '286'],
      ],
      '四、相关材料',
      '1.营业执照',
    ]);
    const files = await expandAttachments([makeFoundFile('案例材料.docx', '', docx)], { pool });
    classifyFiles(files);
    expect(files[0]).toMatchObject({ format: 'docx', readable: true, kind: 'form2' });
    const { intro } = readForm2(files[0].parsed!.blocks);
    expect(intro.background).toBe('本数据集采集自主城区重点路口。');
    expect(intro.innovation).toBe('构建了数据集与模型的闭环迭代机制。');
    expect(intro.effects).toContain('主要指标如下');
    expect(intro.effects).toContain('95.7%');
    expect(intro.materials).toBe('1.营业执照');
  });
});

describe.skipIf(!hasCorpus)('classification on the development corpus', () => {
  for (const { name, raw, expected } of corpusEmails()) {
    it(`${name}: filename, kind and readable of every attachment`, async () => {
      const email = await parseMessage(raw);
      const files = await expandAttachments(email.attachments, { pool });
      classifyFiles(files);
      const got = files.filter((f) => f.parentIndex === null).map((f) => ({ filename: f.filename, kind: f.kind, readable: f.readable }));
      expect(got).toEqual(expected.attachments);
      for (const f of files) expect(f.kind).toBeDefined();
    });
  }
});
