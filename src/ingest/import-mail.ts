// `intake import`: files enter the same pipeline as IMAP mail (acceptRawMessage), with the top
// Received: header as receipt time. Files are accepted in receipt order so versions of a unit
// are judged in the order the bureau received them.
import type { AppContext } from '../app/context.ts';
import { readRawHeaders } from '../mime/raw-headers.ts';
import { receivedAtFromHeaders } from '../mime/received-at.ts';
import { acceptRawMessage } from './accept-raw.ts';
import { readMailFiles } from './read-mail-files.ts';

export const IMPORT_MAILBOX = 'import';

export type ImportedMessage = { label: string; id: string; duplicate: boolean; receivedAt: Date | null };

export async function importMail(app: AppContext, paths: string[]): Promise<ImportedMessage[]> {
  const files = [];
  for (const path of paths) files.push(...(await readMailFiles(path)));
  const dated = files.map((f) => ({ ...f, receivedAt: receivedAtFromHeaders(readRawHeaders(f.raw)) }));
  dated.sort((a, b) => (a.receivedAt?.getTime() ?? Infinity) - (b.receivedAt?.getTime() ?? Infinity));
  const out: ImportedMessage[] = [];
  for (const f of dated) {
    const { id, duplicate } = await acceptRawMessage(app, {
      raw: f.raw,
      mailbox: IMPORT_MAILBOX,
      uidvalidity: null,
      uid: null,
      receivedAt: f.receivedAt,
      source: 'import',
    });
    out.push({ label: f.label, id, duplicate, receivedAt: f.receivedAt });
  }
  return out;
}
