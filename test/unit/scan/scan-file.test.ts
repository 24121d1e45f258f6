// The whole reading of stamped scans with the real tools (pdftoppm, pdfimages, tesseract), on
// small generated files: an image-only colour scan with the seal over the code, a greyscale scan,
// a text-layer PDF without its seal, phone photos, and a machine without the tools. Few pages:
// OCR costs about a second a page.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfParser } from '../../../src/formats/pdf.ts';
import { checkScans } from '../../../src/scan/check-scans.ts';
import { scanTools } from '../../../src/scan/scan-tools.ts';
import type { FoundFile, ParsedDocument } from '../../../src/types.ts';
import { formSvg, pageImage, sealSvg } from './page-images.ts';

const tools = await scanTools();
const CODE = '91420100MAHY6MBT91';

/** The code's line of 附件1, big enough to read at 100 ppi; the seal is stamped over it. */
const codeLine = `<text x="25" y="52" font-family="Noto Sans CJK SC, DejaVu Sans" font-size="6" fill="#111">统一社会信用代码 ${CODE}</text>`;
const stamped = formSvg() + codeLine + sealSvg(110, 52);
const unstamped = formSvg() + codeLine;

async function imagePdf(pages: Buffer[], useObjectStreams = true): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const jpeg of pages) {
    const img = await pdf.embedJpg(jpeg);
    const page = pdf.addPage([595.28, 841.89]);
    page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return Buffer.from(await pdf.save({ useObjectStreams }));
}

function scanFile(filename: string, content: Buffer, format: 'pdf' | 'image', parsed?: ParsedDocument): FoundFile {
  return {
    filename,
    contentType: '',
    content,
    size: content.length,
    sha256: '',
    parentIndex: null,
    depth: 0,
    format,
    kind: 'stamped_scan',
    readable: true,
    parsed: parsed ?? { format, blocks: [], text: '', hasTextLayer: false },
  };
}

describe.skipIf(!tools.poppler || !tools.tesseract)('checkScans with poppler and tesseract', () => {
  it('reads the code under the seal of an image-only colour scan, and finds the seal', async () => {
    const file = scanFile('盖章扫描件.pdf', await imagePdf([await pageImage(stamped)]), 'pdf');
    expect(await checkScans([file])).toEqual({ pages: 1, text_source: 'ocr', uscc: CODE, seal: true });
    expect(file.scan?.text).toContain('信用代码');
  }, 30_000);

  it('does not judge the seal of a greyscale scan, but still reads it', async () => {
    const grey = await pageImage(unstamped, { grey: true });
    const file = scanFile('扫描.pdf', await imagePdf([grey, grey]), 'pdf');
    expect(await checkScans([file])).toEqual({ pages: 2, text_source: 'ocr', uscc: CODE, seal: null });
  }, 30_000);

  it('reads a text-layer PDF by its text, and finds no seal on it when the seal image is gone', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (let i = 0; i < 2; i++)
      pdf.addPage([595.28, 841.89]).drawText(`Unified social credit code: ${CODE}`, { x: 60, y: 700, size: 14, font });
    const content = Buffer.from(await pdf.save());
    const file = scanFile('盖章版.pdf', content, 'pdf', await pdfParser.parse(content));
    expect(await checkScans([file])).toEqual({ pages: 2, text_source: 'text_layer', uscc: CODE, seal: false });
  }, 30_000);

  it('sums up phone photos and PDFs of one email: a seal on any page counts', async () => {
    const photo = scanFile('盖章页1.jpg', await pageImage(unstamped, { ppi: 90 }), 'image');
    const sealed = scanFile('盖章页2.png', await pageImage(sealSvg(100, 200), { ppi: 60, format: 'png' }), 'image');
    const unreadable: FoundFile = { ...scanFile('坏.pdf', Buffer.from('%PDF-1.4 broken'), 'pdf'), readable: false };
    const check = await checkScans([photo, sealed, unreadable]);
    expect(check).toEqual({ pages: 2, text_source: 'ocr', uscc: CODE, seal: true });
    expect(photo.scan?.seal).toBe(false);
    expect(unreadable.scan).toBeUndefined();
  }, 30_000);
});

describe('checkScans without the OCR and PDF tools', () => {
  const none = { poppler: false, tesseract: false };

  it('still counts the pages and judges photos, with no text read', async () => {
    // Pages are counted from the PDF's page objects then, which object streams would hide.
    const pdf = scanFile('盖章扫描件.pdf', await imagePdf([await pageImage(stamped, { ppi: 60 })], false), 'pdf');
    expect(await checkScans([pdf], { tools: none })).toEqual({ pages: 1, text_source: null, uscc: null, seal: null });
    const photo = scanFile('盖章页.jpg', await pageImage(stamped, { ppi: 60 }), 'image');
    expect(await checkScans([photo], { tools: none })).toEqual({ pages: 1, text_source: null, uscc: null, seal: true });
  });

  it('has no scan check for an email without a stamped scan', async () => {
    expect(await checkScans([{ ...scanFile('附件1.docx', Buffer.alloc(1), 'pdf'), kind: 'form1' }], { tools: none })).toBeNull();
  });
});
