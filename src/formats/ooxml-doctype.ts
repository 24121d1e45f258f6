// Office Open XML forbids DTDs in its parts (ECMA-376 Part 2, OPC: a DOCTYPE is an error). A part
// that declares one is how entity tricks arrive: external entities (XXE) and entity expansion
// ("billion laughs"). Such a package is an unreadable Office file; it is rejected here, before any
// XML parser sees it, so no entity is ever expanded or resolved, whatever the parser would do.
import { TextDecoder } from 'node:util';
import type yauzl from 'yauzl';
import { UnreadableError } from './parser.ts';
import { openZip } from './zip-reader.ts';

/** A DOCTYPE must come before the root element; a sane part's prolog is one declaration. */
const MAX_PROLOG_BYTES = 1024 * 1024;
const MAX_PARTS = 10_000;

type Verdict = 'doctype' | 'root' | 'not-xml' | 'more';

/** Walks the prolog: declaration, processing instructions, comments, whitespace. */
export function prologVerdict(text: string): Verdict {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) return 'more';
    if (text[i] !== '<') return 'not-xml';
    if (text.startsWith('<?', i) || text.startsWith('<!--', i)) {
      const close = text.indexOf(text[i + 1] === '?' ? '?>' : '-->', i + 2);
      if (close < 0) return 'more';
      i = close + (text[i + 1] === '?' ? 2 : 3);
      continue;
    }
    if (text.length - i < 4) return 'more';
    // Anything else opened with "<!" in a prolog is a DOCTYPE (or junk no parser accepts).
    return text[i + 1] === '!' ? 'doctype' : 'root';
  }
}

/** OOXML parts are UTF-8 or UTF-16; the first bytes say which. */
function decoderFor(head: Buffer): TextDecoder {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0x3c && head[1] === 0x00)) return new TextDecoder('utf-16le');
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0x00 && head[1] === 0x3c)) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/** Inflates a part only as far as its prolog goes, then stops. */
function partVerdict(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      let decoder: TextDecoder | null = null;
      let text = '';
      let bytes = 0;
      let settled = false;
      const done = (v: Verdict) => {
        settled = true;
        stream.destroy();
        resolve(v);
      };
      stream.on('data', (chunk: Buffer) => {
        // A stored (uncompressed) part arrives as chunks already queued, and they still come after
        // destroy(): appending them re-read a growing string each time (14 s for a 50 MB part).
        if (settled) return;
        decoder ??= decoderFor(chunk);
        bytes += chunk.length;
        text += decoder.decode(chunk, { stream: true });
        const v = prologVerdict(text);
        if (v !== 'more') return done(v);
        if (bytes > MAX_PROLOG_BYTES) done('doctype');
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(prologVerdict(text) === 'doctype' ? 'doctype' : 'root'));
    });
  });
}

/** Throws UnreadableError when a part of the package declares a DTD or the zip cannot be read. */
export async function assertNoDoctype(format: 'docx' | 'xlsx', content: Buffer): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(content);
  } catch (err) {
    throw new UnreadableError(`${format}: ${(err as Error).message}`, 'corrupt');
  }
  if (zip.entryCount > MAX_PARTS) {
    zip.close();
    throw new UnreadableError(`${format}: ${zip.entryCount} parts exceed the limit`, 'too_large');
  }
  try {
    const offending = await new Promise<string | null>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve(null));
      zip.on('entry', (entry: yauzl.Entry) => {
        // Encrypted members and folders hold no XML to check.
        if (entry.generalPurposeBitFlag & 0x1 || entry.fileName.toString().endsWith('/')) return zip.readEntry();
        partVerdict(zip, entry).then((v) => (v === 'doctype' ? resolve(entry.fileName.toString()) : zip.readEntry()), reject);
      });
      zip.readEntry();
    });
    if (offending)
      throw new UnreadableError(`${format}: part ${offending} declares a DTD (entities are not allowed in Office files)`, 'corrupt');
  } catch (err) {
    if (err instanceof UnreadableError) throw err;
    throw new UnreadableError(`${format}: ${(err as Error).message ?? String(err)}`, 'corrupt');
  } finally {
    zip.close();
  }
}
