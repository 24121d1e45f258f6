// What `intake import` reads: one .eml, a directory of .eml files, or an mbox file. The kind is
// decided by content (an mbox starts with a "From " separator line), not by the file name.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

export type MailFile = { label: string; raw: Buffer };

export async function readMailFiles(path: string): Promise<MailFile[]> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((n) => /\.eml$/i.test(n)).sort();
    const out: MailFile[] = [];
    for (const name of names) out.push(...splitIfMbox(name, await readFile(join(path, name))));
    return out;
  }
  return splitIfMbox(basename(path), await readFile(path));
}

export function isMbox(raw: Buffer): boolean {
  return raw.subarray(0, 5).toString('latin1') === 'From ';
}

function splitIfMbox(label: string, raw: Buffer): MailFile[] {
  if (!isMbox(raw)) return [{ label, raw }];
  return splitMbox(raw).map((message, i) => ({ label: `${label}#${i + 1}`, raw: message }));
}

/**
 * Splits an mbox (mboxrd/mboxo) into messages: a line starting "From " after an empty line (or at
 * the start) begins a message; ">From " quoting is undone one level. Bytes are kept as they are
 * (8-bit headers must reach the MIME parser undecoded), so the work is done on latin1 text.
 */
export function splitMbox(raw: Buffer): Buffer[] {
  const text = raw.toString('latin1');
  const lines = text.split(/(?<=\n)/);
  const messages: string[][] = [];
  let current: string[] | null = null;
  let previousBlank = true;
  for (const line of lines) {
    if (line.startsWith('From ') && previousBlank) {
      current = [];
      messages.push(current);
      previousBlank = false;
      continue;
    }
    previousBlank = line === '\n' || line === '\r\n';
    if (!current) continue;
    current.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  return messages
    .map((m) => {
      // The blank line before the next separator belongs to the mbox, not the message.
      const last = m[m.length - 1];
      if (last === '\n' || last === '\r\n') m.pop();
      return Buffer.from(m.join(''), 'latin1');
    })
    .filter((b) => b.length > 0);
}
