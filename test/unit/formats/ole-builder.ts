// Small OLE2 compound files for tests, written with SheetJS's CFB: a workbook with extra streams
// (an embedded object's), or a Word file's WordDocument stream with a chosen FIB version.
import * as XLSX from '@e965/xlsx';

type Cfb = { FullPaths: string[] };
type CfbApi = {
  read(data: Buffer, opts: { type: 'buffer' }): Cfb;
  write(cfb: Cfb, opts: { type: 'buffer' }): Uint8Array;
  utils: { cfb_new(): Cfb; cfb_add(cfb: Cfb, path: string, content: Buffer): void };
};
const CFB = XLSX.CFB as CfbApi;

/** A one-sheet workbook in the given SheetJS book type ('xls' is BIFF8 in OLE2; 'biff3' is bare). */
export function workbookBytes(rows: (string | number)[][], bookType: XLSX.BookType | 'biff3' | 'biff4'): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
  // SheetJS writes BIFF3/4 too; its typings list only the book types it reads back by name.
  return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: bookType as XLSX.BookType }) as Buffer);
}

/** `ole` (or a new compound file) with more streams; paths below the root, e.g. "ObjectPool/_1/WordDocument". */
export function withStreams(ole: Buffer | null, streams: Record<string, Buffer>): Buffer {
  const cfb = ole ? CFB.read(ole, { type: 'buffer' }) : CFB.utils.cfb_new();
  for (const [path, data] of Object.entries(streams)) CFB.utils.cfb_add(cfb, path, data);
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }));
}

/** The start of a WordDocument stream: the FIB's magic and version (Word 97 is 0xC1, Word 6.0 0x65). */
export function wordFib(nFib: number): Buffer {
  const fib = Buffer.alloc(1024);
  fib.writeUInt16LE(0xa5ec, 0);
  fib.writeUInt16LE(nFib, 2);
  return fib;
}
