// Each format on real corpus attachments, through the registry (bytes decide, not names).
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/formats/registry.ts';
import type { Block, FoundFile } from '../../../src/types.ts';
import { hasCorpus } from '../mime/corpus.ts';
import { corpusFile } from './corpus-files.ts';

const parse = (f: FoundFile) => parseDocument({ filename: f.filename, contentType: f.contentType, content: f.content });
const tables = (blocks: Block[]) => blocks.filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');

describe.skipIf(!hasCorpus)('format parsers on corpus attachments', () => {
  it('reads a Word 97 .doc form as a table shaped like the .docx one', async () => {
    const r = await parse(await corpusFile('d07', /^附件1.*\.doc$/));
    expect(r.format).toBe('doc');
    const [table] = tables(r.parsed!.blocks);
    expect(table.rows[0].map((c) => c.text)).toEqual(['申报单位信息', '单位名称(盖章)', '武汉市汉江医院']);
    expect(table.rows[0][0].rowspan).toBe(4);
    // Rows covered by the merged label cell start with their own label, as from mammoth.
    expect(table.rows[1][0].text).toBe('统一社会信用代码');
    const category = table.rows.find((row) => row[0].text === '数据集名称及类别');
    expect(category?.[1].text).toBe('名称:胸部CT影像与结构化报告数据集\n类别:行业专识数据集');
    const paragraphsBefore = r.parsed!.blocks.slice(0, 3).map((b) => (b.type === 'paragraph' ? b.text : ''));
    expect(paragraphsBefore[2]).toMatch(/^申报日期/);
  });

  it('reads a .wps file that is really Word 97', async () => {
    const r = await parse(await corpusFile('d04', /\.wps$/));
    expect(r.format).toBe('doc');
    expect(r.parsed!.text).toContain('背景描述');
  });

  it('reads .xls with SheetJS: merged title, numbers as displayed', async () => {
    const r = await parse(await corpusFile('d07', /\.xls$/));
    expect(r.format).toBe('xls');
    const [sheet] = tables(r.parsed!.blocks);
    expect(sheet.name).toBeTruthy();
    const header = sheet.rows.findIndex((row) => row[0]?.text === '序号');
    expect(header).toBeGreaterThan(0);
    expect(sheet.rows[header + 1][0].text).toBe('1');
    expect(sheet.rows.some((row) => row.some((c) => (c.colspan ?? 1) > 1))).toBe(true);
  });

  it('reads .xlsx (SheetJS) in the same shape as .xls', async () => {
    const r = await parse(await corpusFile('d06', /\.xlsx$/));
    expect(r.format).toBe('xlsx');
    const [sheet] = tables(r.parsed!.blocks);
    const header = sheet.rows.findIndex((row) => row[0]?.text === '序号');
    expect(sheet.rows[header].length).toBe(11);
    expect(sheet.rows[header + 2][5].text).toBe('100000');
    expect(sheet.rows[1][0].colspan).toBe(11);
  });

  it('reads UTF-8 CSV and JSON samples', async () => {
    const csv = await parse(await corpusFile('d10', /\.csv$/));
    expect(csv.format).toBe('csv');
    expect(tables(csv.parsed!.blocks)[0].rows.length).toBeGreaterThan(2);
    const json = await parse(await corpusFile('d10', /\.json$/));
    expect(json.format).toBe('json');
    expect(() => JSON.parse(json.parsed!.text)).not.toThrow();
  });

  it('reads a text-layer PDF with CJK text', async () => {
    const r = await parse(await corpusFile('d06', /\.pdf$/));
    expect(r.parsed?.hasTextLayer).toBe(true);
    expect(r.parsed?.text).toContain('基本信息征集表');
  });

  it('keeps an image-only PDF readable without a text layer', async () => {
    const r = await parse(await corpusFile('d07', /\.pdf$/));
    expect(r.format).toBe('pdf');
    expect(r.parsed?.hasTextLayer).toBe(false);
  });

  it('marks a password-protected PDF unreadable', async () => {
    const r = await parse(await corpusFile('d17', /\.pdf$/));
    expect(r.parsed).toBeUndefined();
    expect(r.reason).toBe('encrypted');
  });

  it('marks a truncated .docx unreadable', async () => {
    const r = await parse(await corpusFile('d11', /^附件2/));
    expect(r.format).toBe('docx');
    expect(r.parsed).toBeUndefined();
  });

  it('reads photos as images and a docx with a traversal name by content', async () => {
    expect((await parse(await corpusFile('d22', /\.jpg$/))).format).toBe('image');
    const r = await parse(await corpusFile('d17', /passwd/));
    expect(r.format).toBe('docx');
    expect(r.parsed?.text).toContain('单位简介');
  });

  it('decides by bytes: a PDF named .docx is a PDF', async () => {
    const pdf = await corpusFile('d06', /\.pdf$/);
    const r = await parseDocument({ filename: '附件1.docx', contentType: 'application/octet-stream', content: pdf.content });
    expect(r.format).toBe('pdf');
    expect(r.parsed).toBeDefined();
  });
});
