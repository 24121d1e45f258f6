// Size caps for .docx/.xlsx, judged from the zip's central directory before mammoth or SheetJS
// inflate anything: both read every XML part whole into strings and build a tree several times
// its size (mammoth ≈ 60×: 4 MB of document.xml took ≈ 500 MB; SheetJS ≈ 20×), so the part
// sizes decide whether a package can be read within the parse process's memory limit.
// Forms are tiny next to the caps (the corpus's largest: 80 KB of XML). Declared sizes may lie;
// a part that inflates past what it declared is stopped by the process's memory limit instead.
import type yauzl from 'yauzl';
import type { ParsedDocument } from '../types.ts';
import { UnreadableError } from './parser.ts';
import { archiveBombReason, defaultZipLimits, openZip } from './zip-reader.ts';

const MB = 1024 * 1024;

/** XML (uncompressed, all parts together) read whole; a larger package is recorded unread. */
export const OOXML_MAX_XML_BYTES = { docx: 4 * MB, xlsx: 8 * MB } as const;

/** Parts the readers parse as XML; media and embedded files are never inflated by them. */
const XML_PART = /\.(xml|rels|vml)$/i;

/**
 * Declared uncompressed bytes of the package's XML parts. Throws UnreadableError ('too_large')
 * for a bomb by the archive rules (docs/archives.md), 'corrupt' when the directory is unreadable.
 */
export async function declaredXmlBytes(format: 'docx' | 'xlsx', content: Buffer): Promise<number> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(content);
  } catch (err) {
    throw new UnreadableError(`${format}: ${(err as Error).message}`, 'corrupt');
  }
  let xml = 0;
  let all = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        all += entry.uncompressedSize;
        if (XML_PART.test(entry.fileName.toString())) xml += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (err) {
    throw new UnreadableError(`${format}: ${(err as Error).message}`, 'corrupt');
  } finally {
    zip.close();
  }
  const bomb = archiveBombReason(format, all, content.length, defaultZipLimits());
  if (bomb) throw new UnreadableError(bomb, 'too_large');
  return xml;
}

/** A sound package over the cap: recorded as received, its content not read (`partial`). */
export function unreadPackage(format: 'docx' | 'xlsx', xmlBytes: number): ParsedDocument {
  return { format, blocks: [], text: '', partial: { unit: 'none', read: 0, total: xmlBytes } };
}
