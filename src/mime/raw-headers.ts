// The top-level header block read straight from the bytes, so that values keep their raw 8-bit
// content (decoded by us, not guessed) and repeated headers keep their order (Received:).

export type RawHeader = { name: string; value: string };

/** End of the header block: the first empty line (CRLF or bare LF). */
function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf === -1) return lf === -1 ? raw.length : lf;
  return lf === -1 ? crlf : Math.min(crlf, lf);
}

/** Header fields in order; values unfolded, as latin1 strings of the original bytes. */
export function readRawHeaders(raw: Buffer): RawHeader[] {
  const block = raw.subarray(0, headerEnd(raw)).toString('latin1');
  const headers: RawHeader[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return headers;
}
