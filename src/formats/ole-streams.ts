// The streams at the root of an OLE2 compound file, read from its directory (SheetJS's CFB). Only
// root streams say what a file is: an .xls holding an embedded Word object carries
// ObjectPool/_1234/WordDocument, and is no .doc for that (nor is a .doc holding a chart a .xls).
import * as XLSX from '@e965/xlsx';
import { hasOleStream, isOle2 } from './magic.ts';

type CfbEntry = { name: string; type: number; content?: Uint8Array | number[] };
type Cfb = { FullPaths: string[]; FileIndex: CfbEntry[] };

const STREAM = 2;
// Probes of one file share its Buffer: the directory is read once per file, not once per parser.
const cache = new WeakMap<Buffer, Map<string, CfbEntry> | null>();

/** Root streams by lower-cased name (OLE2 names compare case-insensitively); null if unreadable. */
function rootStreams(content: Buffer): Map<string, CfbEntry> | null {
  if (!isOle2(content)) return null;
  if (cache.has(content)) return cache.get(content) ?? null;
  let streams: Map<string, CfbEntry> | null = null;
  try {
    const cfb = (XLSX.CFB as { read(data: Buffer, opts: { type: 'buffer' }): Cfb }).read(content, { type: 'buffer' });
    streams = new Map();
    cfb.FullPaths.forEach((path, i) => {
      const entry = cfb.FileIndex[i];
      // "Root Entry/Name": exactly one slash, after the root's name.
      if (entry?.type === STREAM && path.indexOf('/') === path.lastIndexOf('/')) streams!.set(entry.name.toLowerCase(), entry);
    });
  } catch {
    streams = null;
  }
  cache.set(content, streams);
  return streams;
}

/**
 * Whether the file has a stream of this name at its root. When the directory cannot be read (a
 * damaged file), any stream of that name counts, so the parser that fits still gets to try.
 */
export function hasOleRootStream(content: Buffer, name: string): boolean {
  const streams = rootStreams(content);
  return streams ? streams.has(name.toLowerCase()) : hasOleStream(content, name);
}

/** The bytes of a root stream, or null. */
export function oleRootStream(content: Buffer, name: string): Buffer | null {
  const data = rootStreams(content)?.get(name.toLowerCase())?.content;
  return data ? Buffer.from(data instanceof Uint8Array ? data : Uint8Array.from(data)) : null;
}
