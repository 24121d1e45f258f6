import { afterAll, describe, expect, it } from 'vitest';
import { classifyFiles } from '../../../src/attachments/classify.ts';
import { expandAttachments } from '../../../src/attachments/expand-attachments.ts';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { makeFoundFile } from '../../../src/mime/found-file.ts';
import { parseMessage } from '../../../src/mime/parse-message.ts';
import type { FoundFile } from '../../../src/types.ts';
import { corpusEmails, hasCorpus } from '../mime/corpus.ts';

const pool = new ParsePool({ size: 2, timeoutMs: 120_000, maxOldGenerationSizeMb: 512 });
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
      parsed: { format: 'xlsx', text: '', blocks: [{ type: 'table', rows: [[{ text: '附件3' }], [{ text: '序号' }, { text: '数据集案例名称' }]] }] },
    });
    const form2 = file('1.doc', { format: 'doc', parsed: { format: 'doc', blocks: [], text: '一、背景描述\n...\n二、创新点\n...\n三、应用成效' } });
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
    const licence = file('营业执照副本.pdf', { format: 'pdf', parsed: { format: 'pdf', blocks: [], text: '营业执照 统一社会信用代码 9142...', hasTextLayer: true } });
    const stamped = file('附件1.pdf', { format: 'pdf', parsed: { format: 'pdf', blocks: [], text: '武汉市行业高质量数据集应用典型案例基本信息征集表', hasTextLayer: true } });
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
