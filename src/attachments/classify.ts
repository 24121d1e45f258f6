// Which material each file is: 附件1 (form1), 附件2 (form2), 附件3 (form3), the stamped scan,
// dataset samples, an archive of materials, or other. Content decides first (table labels and
// headings survive any file name such as "新建 Microsoft Word 文档.docx"); the name decides only
// when the content cannot (unreadable files, scans, photos).
import { isArchiveFormat } from '../formats/archive.ts';
import type { Block, FoundFile, MaterialKind } from '../types.ts';
import { settlePartialFiles } from './partial-files.ts';

// Words for a sealed or scanned copy, and the default names of office scanners. Phone-camera
// names (IMG_..., DSC...) are no hint: sample images are often named so; loose photos in the
// email are taken as the stamped pages anyway (see classifyDocument).
const STAMP_NAME = /盖章|签章|公章|用印|骑缝|扫描|签字|scan|^SKM_|^KM_|^MX-|^DocuCentre|^EPSON|^Canon|^HP ?Scan/i;
const SAMPLE_NAME = /样例|样本|示例数据|sample|demo|测试数据/i;
const OTHER_NAME = /营业执照|执照|证书|许可|资质|简介|介绍信|授权书|证明|承诺|license|licence/i;
const FORM1_NAME = /附件\s*1|附件一|基本信息|信息征集表|征集表/;
const FORM2_NAME = /附件\s*2|附件二|案例介绍|介绍模板/;
const FORM3_NAME = /附件\s*3|附件三|汇总表/;
const MATERIALS_NAME = /申报|材料|征集|附件/;

const DATA_FORMATS = new Set(['csv', 'json', 'txt', 'xlsx', 'xls']);

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

function squash(text: string): string {
  return text.replace(/[\s\u3000]/g, '');
}

function tables(blocks: Block[]): Extract<Block, { type: 'table' }>[] {
  return blocks.filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
}

/** 附件3: a table row holding 序号 and a case or unit name column. */
function hasSummaryHeader(blocks: Block[]): boolean {
  return tables(blocks).some((t) =>
    t.rows.some((row) => {
      const cells = row.map((c) => squash(c.text));
      return cells.includes('序号') && cells.some((c) => /数据集案例名称|案例名称|申报单位名称/.test(c));
    }),
  );
}

function isForm1Text(text: string): boolean {
  const t = squash(text);
  return t.includes('统一社会信用代码') && t.includes('数据集案例名称');
}

/** Row labels only 附件1 carries; two of them mark a document as (holding) the information form. */
const FORM1_LABELS = [
  '统一社会信用代码',
  '数据集案例名称',
  '负责人、职务及联系方式',
  '数据集名称及类别',
  '数据集模态及规模',
  '案例涉及行业/领域',
];

function hasForm1Labels(text: string): boolean {
  const t = squash(text);
  return FORM1_LABELS.filter((label) => t.includes(label)).length >= 2;
}

const FORM2_HEADINGS = ['背景描述', '创新点', '应用成效'];
/** A heading paragraph: optional numbering ("一、", "(二)", "3."), the section name, a short tail. */
const FORM2_HEADING_LINE =
  /^[【[]?(第?[一二三四五六七八九十]+[、.:．]|[(（]?[一二三四五六七八九十0-9]+[)）][、.]?|[0-9]+[、.．)]|[①②③④])?(背景描述|创新点|应用成效)/;

function headingParagraphs(blocks: Block[]): number {
  const found = new Set<string>();
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    for (const line of b.text.split('\n')) {
      const t = squash(line);
      const m = t.length <= 40 ? FORM2_HEADING_LINE.exec(t) : null;
      if (m) found.add(m[2]);
    }
  }
  return found.size;
}

/**
 * 附件2 by its section headings. 附件1 and 附件3 are ruled out by their own markers (row labels,
 * the summary header), not by table size: a case introduction may carry a results table. In a
 * spreadsheet or data file the headings may be column names of sample data, so there a long
 * table still rules the document out.
 */
function isForm2Text(file: FoundFile, blocks: Block[], text: string): boolean {
  if (hasForm1Labels(text) || hasSummaryHeader(blocks)) return false;
  if (headingParagraphs(blocks) >= 2) return true;
  const t = squash(text);
  const headings = FORM2_HEADINGS.filter((h) => t.includes(h)).length;
  if (headings < 2) return false;
  const isData = file.format !== undefined && DATA_FORMATS.has(file.format);
  return !isData || !tables(blocks).some((tb) => tb.rows.length > 3);
}

/**
 * The stamped forms as a PDF with a text layer still carry the forms' titles and labels. The
 * credit code alone is no sign: a business licence carries it too.
 */
function looksLikeStampedForm(text: string): boolean {
  return /数据集案例名称|基本信息征集表|案例介绍模板|典型案例|征集汇总表/.test(squash(text));
}

function byName(file: FoundFile): MaterialKind {
  const name = baseName(file.filename);
  const isPicture = file.format === 'pdf' || file.format === 'image';
  if (isPicture && STAMP_NAME.test(name)) return 'stamped_scan';
  if (FORM1_NAME.test(name) && !STAMP_NAME.test(name)) return 'form1';
  if (FORM2_NAME.test(name)) return 'form2';
  if (FORM3_NAME.test(name)) return 'form3';
  if (STAMP_NAME.test(name)) return 'stamped_scan';
  if (SAMPLE_NAME.test(name)) return 'samples';
  if (isArchiveFormat(file.format) && MATERIALS_NAME.test(name)) return 'archive';
  if (file.format && DATA_FORMATS.has(file.format)) return 'samples';
  return 'other';
}

function classifyDocument(file: FoundFile, insideArchive: boolean): MaterialKind {
  const parsed = file.parsed;
  if (!file.readable || !parsed) return byName(file);
  // Read in part (too large: partial-files.ts): the head of a file is no evidence of a form.
  if (parsed.partial && parsed.partial.unit !== 'pages') return byName(file);
  const name = baseName(file.filename);
  switch (file.format) {
    case 'pdf':
      if (STAMP_NAME.test(name)) return 'stamped_scan';
      if (OTHER_NAME.test(name) || SAMPLE_NAME.test(name)) return SAMPLE_NAME.test(name) ? 'samples' : 'other';
      if (parsed.hasTextLayer && looksLikeStampedForm(parsed.text)) return 'stamped_scan';
      // An image-only PDF with no name hint is most likely the scan of the stamped forms.
      return parsed.hasTextLayer ? 'other' : 'stamped_scan';
    case 'image':
      if (STAMP_NAME.test(name)) return 'stamped_scan';
      if (SAMPLE_NAME.test(name) || OTHER_NAME.test(name)) return SAMPLE_NAME.test(name) ? 'samples' : 'other';
      // Loose photos in the email are photos of the stamped pages; pictures inside an archive are
      // sample data unless named as a stamp page.
      return insideArchive ? 'samples' : 'stamped_scan';
    default:
      break;
  }
  if (hasSummaryHeader(parsed.blocks)) return 'form3';
  if (isForm1Text(parsed.text)) return 'form1';
  if (isForm2Text(file, parsed.blocks, parsed.text)) return 'form2';
  if (file.format && DATA_FORMATS.has(file.format)) return 'samples';
  // A Word file with none of the forms' structure: a unit profile, a licence, a cover letter.
  const named = byName(file);
  return named === 'samples' ? 'samples' : 'other';
}

const MATERIAL_KINDS = new Set<MaterialKind>(['form1', 'form2', 'form3', 'stamped_scan', 'archive']);

function classifyArchive(file: FoundFile, members: FoundFile[]): MaterialKind {
  if (!file.readable || members.length === 0) return byName(file);
  const kinds = members.map((m) => m.kind);
  if (kinds.some((k) => k && MATERIAL_KINDS.has(k))) return 'archive';
  const samples = kinds.filter((k) => k === 'samples').length;
  return samples * 2 >= kinds.length ? 'samples' : 'other';
}

export function classifyFiles(files: FoundFile[]): void {
  // Children always come after their archive, so walking backwards classifies members first.
  for (let i = files.length - 1; i >= 0; i--) {
    const file = files[i];
    if (isArchiveFormat(file.format)) {
      file.kind = classifyArchive(
        file,
        files.filter((f) => f.parentIndex === i),
      );
      continue;
    }
    file.kind = classifyDocument(file, file.parentIndex !== null);
  }
  settlePartialFiles(files);
}
