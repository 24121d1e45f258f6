// Real office files for the sample mailbox, made in code: Word forms (docx), the Excel summary
// (exceljs), a zip of dataset samples (jszip) and an image-only "stamped scan" PDF (pdf-lib).
// Every container is re-zipped with fixed timestamps so the builder writes the same bytes on
// every run (the libraries stamp "now" into their output otherwise).
import { deflateSync } from 'node:zlib';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Applicant, SampleCase } from './applicants.ts';

export const FIXED_DATE = new Date('2025-10-28T08:00:00Z');

const DIRECTIONS = ['建设应用', '模型验证', '流通交易', '技术创新', '生态培育', '其他'];
const INDUSTRIES = [
  '科学研究',
  '工业制造',
  '农业农村',
  '交通运输',
  '金融服务',
  '医疗卫生',
  '教育教学',
  '商贸物流',
  '人力资源',
  '文化旅游',
  '绿色低碳',
  '城市治理',
  '具身智能',
  '智能驾驶',
  '低空经济',
  '其他',
];
const MODALITIES = ['文本', '图像', '音频', '视频', '其他'];

const tick = (on: boolean) => (on ? '☑' : '□');

/** Re-zips an OOXML/zip buffer with fixed entry dates and fixed core-property dates. */
export async function normalizeZip(buf: Buffer | ArrayBuffer | Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  const out = new JSZip();
  const iso = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    let data: Buffer | string = await entry.async('nodebuffer');
    if (name === 'docProps/core.xml' || name === 'docProps/app.xml') {
      data = data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${iso}$2`);
    }
    out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
}

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const cell = (lines: string | string[], opts: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children: (Array.isArray(lines) ? lines : [lines]).map(p), ...opts });

function caseRows(c: SampleCase, index: number): TableRow[] {
  const line = (options: string[], picked: string[], prefix: boolean) =>
    options.map((o) => (prefix ? `${tick(picked.includes(o))}${o}` : `高质量数据集${o}${tick(picked.includes(o))}`)).join('  ');
  const yesNo = (v: boolean) => `${tick(v)}是  ${tick(!v)}否`;
  const rows: TableCell[][] = [
    [cell(`“案例${index}”简要信息`, { rowSpan: 13 }), cell('数据集案例名称'), cell(c.case_name, { columnSpan: 5 })],
    [cell('数据集名称及类别'), cell(`${c.dataset_name};${c.dataset_category}`, { columnSpan: 5 })],
    [
      cell(['结构化数据集规模', '(单位:行/条)']),
      cell(c.structured_rows_text),
      cell(['非结构化数据集规模', '(单位:GB)'], { columnSpan: 2 }),
      cell(c.unstructured_gb_text, { columnSpan: 2 }),
    ],
    [
      cell('申报方向'),
      cell(
        [
          line(DIRECTIONS.slice(0, 2), c.directions, false),
          line(DIRECTIONS.slice(2, 4), c.directions, false),
          `${line(DIRECTIONS.slice(4, 5), c.directions, false)}  其他${tick(c.directions.includes('其他'))} (可多选)`,
        ],
        { columnSpan: 5 },
      ),
    ],
    [
      cell('案例涉及行业/领域'),
      cell(
        [0, 5, 10, 15].map((i) => line(INDUSTRIES.slice(i, i + 5), c.industries, true)),
        { columnSpan: 5 },
      ),
    ],
    [cell('数据集模态及规模'), cell(line(MODALITIES, c.modalities, true), { columnSpan: 5 })],
    [
      cell('针对数据集名称和单位名称,是否同意在市级部门、同期媒体宣传。', { columnSpan: 4 }),
      cell(yesNo(c.agree_publicity), { columnSpan: 2 }),
    ],
    [cell('是否同意在数据流通交易基础设施上架。', { columnSpan: 4 }), cell(yesNo(c.agree_listing), { columnSpan: 2 })],
    [cell('本数据集是否已在其他地区数据流通交易基础设施上架。', { columnSpan: 4 }), cell(yesNo(c.listed_elsewhere), { columnSpan: 2 })],
    [cell('本数据集是否涉及个人敏感信息。', { columnSpan: 4 }), cell(yesNo(c.involves_personal_info), { columnSpan: 2 })],
    [cell('已支撑算法模型'), cell(c.supported_models, { columnSpan: 5 })],
    [cell(['数据集概况', '(不超过200字)']), cell(c.overview, { columnSpan: 5 })],
    [cell(['应用场景介绍', '(不超过500字)']), cell(c.scenarios, { columnSpan: 5 })],
  ];
  return rows.map((children) => new TableRow({ children }));
}

function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 附件1 基本信息征集表: the notice's label/value table, one 13-row block per case. */
export async function buildForm1(a: Applicant): Promise<Buffer> {
  const rows: TableRow[] = [
    new TableRow({ children: [cell('申报单位信息', { rowSpan: 4 }), cell('单位名称(盖章)'), cell(a.unit_name, { columnSpan: 5 })] }),
    new TableRow({ children: [cell('统一社会信用代码'), cell(a.uscc, { columnSpan: 5 })] }),
    new TableRow({ children: [cell('单位地址'), cell(a.unit_address, { columnSpan: 5 })] }),
    new TableRow({
      children: [cell('负责人、职务及联系方式'), cell(`${a.contact_name}  ${a.contact_title}  ${a.contact_phone}`, { columnSpan: 5 })],
    }),
    ...a.cases.flatMap((c, i) => caseRows(c, i + 1)),
    new TableRow({
      children: [
        cell('声明'),
        cell(
          [
            '1. 我单位对本次申报的数据集合法性、真实性、完整性和有效性负责,与其他单位或个人无知识产权纠纷。',
            '2. 经“国家企业信用信息公示系统”查询本单位不是严重失信主体。',
          ],
          { columnSpan: 6 },
        ),
      ],
    }),
  ];
  const doc = new Document({
    creator: a.contact_name,
    title: '基本信息征集表',
    sections: [
      {
        children: [
          p('附件1'),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '武汉市行业高质量数据集应用典型案例基本信息征集表', bold: true })],
          }),
          p(`申报日期:${cnDate(a.declared_date)}`),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
          p('注:如有多页,请加盖骑缝章。'),
        ],
      },
    ],
  });
  return normalizeZip(await Packer.toBuffer(doc));
}

/** 附件2 案例介绍: headings 一 to 四, each followed by the applicant's paragraphs. */
export async function buildForm2(a: Applicant): Promise<Buffer> {
  const section = (heading: string, text: string) => [
    new Paragraph({ children: [new TextRun({ text: heading, bold: true })] }),
    ...text.split('\n').map(p),
  ];
  const doc = new Document({
    creator: a.contact_name,
    title: '案例介绍',
    sections: [
      {
        children: [
          p('附件2'),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '行业高质量数据集应用典型案例介绍模板', bold: true })],
          }),
          ...section('一、背景描述', a.intro.background),
          ...section('二、创新点', a.intro.innovation),
          ...section('三、应用成效', a.intro.effects),
          ...section('四、相关材料', a.intro.materials),
        ],
      },
    ],
  });
  return normalizeZip(await Packer.toBuffer(doc));
}

/** 附件3 汇总表: title rows, the 11-column header, one row per case, template's empty numbered rows. */
export async function buildForm3(a: Applicant): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = a.contact_name;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['附件3']);
  ws.addRow(['武汉市行业高质量数据集应用典型案例征集汇总表']);
  ws.mergeCells('A2:K2');
  ws.addRow([
    `推荐单位:${a.unit_name}(盖章)`,
    '',
    '',
    '',
    '',
    `联系人及联系方式:${a.contact_name} ${a.contact_phone}`,
    '',
    '',
    '',
    cnDate(a.declared_date),
  ]);
  ws.mergeCells('A3:E3');
  ws.mergeCells('F3:I3');
  ws.mergeCells('J3:K3');
  ws.addRow([
    '序号',
    '数据集案例名称',
    '数据集类别',
    '行业领域',
    '申报方向',
    '结构化数据规模',
    '非结构化数据规模',
    '已服务支撑人工智能算法模型',
    '产生社会经济效益',
    '申报单位名称',
    '申报单位联系人及联系方式',
  ]);
  a.cases.forEach((c, i) => {
    const structured = /^\d+$/.test(c.summary.structured_scale) ? Number(c.summary.structured_scale) : c.summary.structured_scale;
    ws.addRow([
      i + 1,
      c.case_name,
      c.dataset_category,
      c.summary.industry,
      c.summary.direction,
      structured,
      c.summary.unstructured_scale,
      c.supported_models,
      c.summary.benefits,
      a.unit_name,
      `${a.contact_name} ${a.contact_phone}`,
    ]);
  });
  for (let n = a.cases.length + 1; n <= 4; n++) ws.addRow([n]);
  const note = ws.addRow(['结构化数据以行/条为单位,非结构化数据需列明数据模态,并以GB为单位。']);
  ws.mergeCells(`A${note.number}:K${note.number}`);
  return normalizeZip(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** 数据集样例: a zip of small CSV samples; `gbkNames` makes member names GBK like Windows zips. */
export async function buildSamplesZip(
  files: Record<string, string>,
  opts: { gbkNames?: (name: string) => Uint8Array } = {},
): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, `\ufeff${text}`, { date: FIXED_DATE });
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    platform: 'DOS',
    // jszip types say string, but it writes whatever bytes the encoder returns (and then leaves
    // the UTF-8 flag clear), which is how Windows' built-in zip stores Chinese names.
    ...(opts.gbkNames ? { encodeFileName: (name: string) => opts.gbkNames!(name) as unknown as string } : {}),
  });
}

// ---------------------------------------------------------------- image-only PDF

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A scanned page: grey "text lines" and a red round seal, as an RGB PNG. */
export function scannedPagePng(width = 420, height = 594, seed = 1): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height, 0xff);
  const cx = width * 0.7;
  const cy = height * 0.78;
  const r = width * 0.14;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    const inLine = y > 60 && y < height * 0.7 && y % 18 < 6;
    const lineLen = width * (0.55 + ((y * 7 + seed * 13) % 30) / 100);
    for (let x = 0; x < width; x++) {
      const o = row + 1 + x * 3;
      const d = Math.hypot(x - cx, y - cy);
      if (d < r && d > r - 6) {
        raw[o] = 0xd0;
        raw[o + 1] = 0x20;
        raw[o + 2] = 0x20;
      } else if (inLine && x > 40 && x < lineLen) {
        raw[o] = raw[o + 1] = raw[o + 2] = 0x60;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 盖章扫描件: pages that are only images (no text layer), as a scanner makes them. */
export async function buildScanPdf(pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  pdf.setProducer('Scanner');
  pdf.setCreator('Scanner');
  for (let i = 0; i < pages; i++) {
    const img = await pdf.embedPng(scannedPagePng(420, 594, i + 1));
    const page = pdf.addPage([595.28, 841.89]);
    page.drawRectangle({ x: 0, y: 0, width: 595.28, height: 841.89, color: rgb(1, 1, 1) });
    page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
