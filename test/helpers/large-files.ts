// Generators for the bounded-resources tests: large and hostile files built in memory in well
// under a second each, so nothing large is committed. A part that inflates to a gigabyte is one
// deflate block repeated: a block compressed from a fresh dictionary refers only to its own
// bytes, so N copies followed by an empty final block are a valid stream of N × the chunk.
import { constants, crc32, deflateRawSync } from 'node:zlib';

const MB = 1024 * 1024;

/** A zip part: either `data` (deflated, or stored with `store`), or `chunk` repeated `times` (deflated). */
export type BigPart = {
  store?: boolean;
  name: string;
  data?: Buffer;
  chunk?: Buffer;
  times?: number;
  head?: Buffer;
  tail?: Buffer;
  declaredSize?: number;
};

function deflatedRepeat(part: BigPart): { packed: Buffer; size: number; crc: number } {
  const head = part.head ?? Buffer.alloc(0);
  const tail = part.tail ?? Buffer.alloc(0);
  const chunk = part.chunk ?? Buffer.alloc(0);
  const times = part.times ?? 0;
  const sync = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const block = sync(chunk);
  const pieces = [sync(head), ...Array.from({ length: times }, () => block), deflateRawSync(tail)];
  let crc = crc32(head);
  for (let i = 0; i < times; i++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  return { packed: Buffer.concat(pieces), size: head.length + chunk.length * times + tail.length, crc };
}

/** A zip whose parts may inflate far beyond its own size; `declaredSize` makes a part lie. */
export function buildBigZip(parts: BigPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const stored = Boolean(p.data && p.store);
    const { packed, size, crc } = p.data
      ? { packed: stored ? p.data : deflateRawSync(p.data), size: p.data.length, crc: crc32(p.data) }
      : deflatedRepeat(p);
    const method = stored ? 0 : 8;
    // A part over 4 GiB would need zip64; these stay below it.
    const declared = Math.min(p.declaredSize ?? size, 0xffffffff);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const DOCX_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const DOCX_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A .docx whose word/document.xml is `mb` megabytes of one paragraph repeated. */
export function hugeDocx(mb: number, opts: { declaredSize?: number } = {}): Buffer {
  const para = Buffer.from('<w:p><w:r><w:t>数据集样例数据集样例</w:t></w:r></w:p>'.padEnd(64, ' '));
  const chunk = Buffer.concat(Array.from({ length: MB / para.length }, () => para));
  return buildBigZip([
    { name: '[Content_Types].xml', data: Buffer.from(DOCX_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(DOCX_RELS) },
    {
      name: 'word/document.xml',
      head: Buffer.from(`${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`),
      chunk,
      times: mb,
      tail: Buffer.from('</w:body></w:document>'),
      declaredSize: opts.declaredSize,
    },
  ]);
}

const XLSX_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const XLSX_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="样例数据" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';

function repeatTo(unit: string, bytes: number): Buffer {
  const one = Buffer.from(unit);
  return Buffer.concat(Array.from({ length: Math.max(1, Math.floor(bytes / one.length)) }, () => one));
}

function workbook(sheet: BigPart, sharedStrings: BigPart): Buffer {
  return buildBigZip([
    { name: '[Content_Types].xml', data: Buffer.from(XLSX_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(XLSX_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    sheet,
    sharedStrings,
  ]);
}

/** An .xlsx with one small sheet and a sharedStrings part of `mb` megabytes. */
export function hugeSharedStringsXlsx(mb: number): Buffer {
  const row = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';
  return workbook(
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(SHEET_HEAD + row + SHEET_TAIL) },
    {
      name: 'xl/sharedStrings.xml',
      head: Buffer.from(`${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`),
      chunk: repeatTo('<si><t>数据集样例字符串</t></si>', MB),
      times: mb,
      tail: Buffer.from('</sst>'),
    },
  );
}

/**
 * A sound sample workbook whose sheet XML inflates to `mb` megabytes: rows of five numbers
 * (rows without `r`, which the format allows, so one compressed block repeats).
 */
export function largeSampleXlsx(mb: number): Buffer {
  const header = '<row><c t="inlineStr"><is><t>编号</t></is></c><c t="inlineStr"><is><t>数值</t></is></c></row>';
  return workbook(
    {
      name: 'xl/worksheets/sheet1.xml',
      head: Buffer.from(SHEET_HEAD + header),
      chunk: repeatTo('<row><c><v>1024</v></c><c><v>3.14159</v></c><c><v>2718</v></c><c><v>42</v></c><c><v>7</v></c></row>', MB),
      times: mb,
      tail: Buffer.from(SHEET_TAIL),
    },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(`${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`) },
  );
}

/** A CSV of about `mb` megabytes: a header and numbered rows of sample data. */
export function largeCsv(mb: number): Buffer {
  const header = Buffer.from('编号,名称,数值,日期,备注\n');
  const row = Buffer.from('100001,样例记录,3.14159,2025-10-31,行业高质量数据集样例\n');
  const body = Buffer.alloc(Math.floor((mb * MB) / row.length) * row.length);
  body.fill(row);
  return Buffer.concat([header, body]);
}

/** A PDF of `pages` tiny pages sharing one content stream (about 60 bytes a page). */
export function manyPagePdf(pages: number): Buffer {
  const chunks: string[] = ['%PDF-1.4\n'];
  const offsets: number[] = [];
  let length = chunks[0].length;
  const add = (n: number, body: string) => {
    offsets[n] = length;
    const s = `${n} 0 obj\n${body}\nendobj\n`;
    chunks.push(s);
    length += s.length;
  };
  const stream = 'BT /F1 12 Tf 72 720 Td (Sample page) Tj ET';
  add(1, '<< /Type /Catalog /Pages 2 0 R >>');
  const first = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(' ');
  add(2, `<< /Type /Pages /Count ${pages} /Kids [${kids}] >>`);
  add(3, `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  add(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++)
    add(first + i, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>');
  const count = first + pages;
  const xref = [`xref\n0 ${count}\n`, '0000000000 65535 f \n', ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)];
  chunks.push(...xref, `trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(chunks.join(''), 'latin1');
}

/** A submission-like email carrying `files` as base64 attachments (CRLF, a dated Received: header). */
export function emailWith(files: { filename: string; content: Buffer }[], subject = '测试单位+武汉市数据集征集'): Buffer {
  const boundary = '=_large_files_boundary';
  const head = [
    'Received: from mx.example.com by mx1.163.com; Mon, 03 Nov 2025 02:00:00 +0000',
    'From: =?UTF-8?B?' + Buffer.from('测试').toString('base64') + '?= <test@example.com>',
    'To: ssjjsjzlc@163.com',
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    'Message-ID: <large-files@example.com>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    '见附件。',
  ].join('\r\n');
  const parts = files.map((f) => {
    const name = `=?UTF-8?B?${Buffer.from(f.filename).toString('base64')}?=`;
    const b64 = f.content.toString('base64').replace(/.{76}/g, '$&\r\n');
    return `\r\n--${boundary}\r\nContent-Type: application/octet-stream; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}`;
  });
  return Buffer.from(`${head}${parts.join('')}\r\n--${boundary}--\r\n`);
}

/** A sound workbook of about `mb` megabytes stored uncompressed (as `zip -0` would): no bomb, only large. */
export function storedSampleXlsx(mb: number): Buffer {
  const row = '<row><c><v>1024</v></c><c><v>3.14159</v></c><c><v>2718</v></c><c><v>42</v></c><c><v>7</v></c></row>';
  const sheet = Buffer.concat([Buffer.from(SHEET_HEAD), repeatTo(row, mb * MB), Buffer.from(SHEET_TAIL)]);
  return buildBigZip([
    { name: '[Content_Types].xml', data: Buffer.from(XLSX_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(XLSX_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, store: true },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(`${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`) },
  ]);
}
