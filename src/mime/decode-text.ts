// Charset helpers for header values that mail clients get wrong: GB2312/GBK labels that carry
// GB18030-only characters, RFC 2047 words, and raw 8-bit bytes in headers (legacy clients write
// GBK file names unencoded; mailparser then hands them over as latin1 mojibake).

/** GB2312 and GBK are subsets of GB18030; decoding by the label loses characters like 堃. */
export function normalizeCharset(label: string): string {
  const l = label.trim().toLowerCase().replace(/^x-/, '');
  if (/^(gb2312|gbk|gb18030|cp936|ms936|windows-936|euc-cn|csgb2312|chinese)$/.test(l)) return 'gb18030';
  if (l === 'utf8') return 'utf-8';
  return l;
}

/** Decodes bytes strictly; null when the bytes are not valid in that charset. */
export function decodeStrict(bytes: Uint8Array, charset: string): string | null {
  try {
    return new TextDecoder(normalizeCharset(charset), { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes bytes leniently (replacement characters for bad sequences); latin1 for unknown labels. */
export function decodeLenient(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(normalizeCharset(charset)).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Raw bytes of unknown charset, as found in unencoded 8-bit headers and zip member names:
 * UTF-8 when valid, else GB18030 when valid and it yields Chinese text, else null (keep as is).
 */
export function decodeUnlabelled(bytes: Uint8Array): string | null {
  const utf8 = decodeStrict(bytes, 'utf-8');
  if (utf8 !== null) return utf8;
  const gb = decodeStrict(bytes, 'gb18030');
  if (gb !== null && CJK.test(gb)) return gb;
  return null;
}

/**
 * Repairs a string that is really raw 8-bit bytes read as latin1 (every code point <= 0xFF and
 * at least one >= 0x80). Anything else, or bytes we cannot place, is returned unchanged.
 */
export function repairLatin1Mojibake(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  return decodeUnlabelled(Buffer.from(value, 'latin1')) ?? value;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function encodedWordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * Decodes a raw header value (a latin1 "binary" string of the header bytes): RFC 2047 words
 * (adjacent words of one charset are joined before decoding, since clients split multi-byte
 * characters across words) and raw 8-bit runs.
 */
export function decodeHeaderValue(raw: string): string {
  // Each run of same-charset words keeps its chunks and is concatenated once when it ends:
  // concatenating per word copied the run so far each time, quadratic in the header size
  // (a 4 MB subject of encoded words held the main thread for 45 s).
  const parts: { charset: string; chunks: Buffer[] }[] = [];
  const normalized = new Map<string, string>();
  const charsetOf = (label: string) => {
    let c = normalized.get(label);
    if (c === undefined) normalized.set(label, (c = normalizeCharset(label.replace(/\*.*$/, '')))); // RFC 2231 language suffix
    return c;
  };
  let out = '';
  let last = 0;
  const flush = () => {
    for (const p of parts) out += decodeLenient(Buffer.concat(p.chunks), p.charset);
    parts.length = 0;
  };
  for (const m of raw.matchAll(ENCODED_WORD)) {
    const between = raw.slice(last, m.index);
    // Whitespace between two encoded words is not part of the text (RFC 2047 section 6.2).
    if (!(parts.length > 0 && /^\s*$/.test(between))) {
      flush();
      out += repairLatin1Mojibake(between);
    }
    const charset = charsetOf(m[1]);
    const bytes = encodedWordBytes(m[2], m[3]);
    const prev = parts[parts.length - 1];
    if (prev && prev.charset === charset) prev.chunks.push(bytes);
    else parts.push({ charset, chunks: [bytes] });
    last = m.index + m[0].length;
  }
  flush();
  out += repairLatin1Mojibake(raw.slice(last));
  return out;
}
