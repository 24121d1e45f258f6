// Real attachments from the development corpus, pulled out of the .eml files by the MIME parser.
import { parseMessage } from '../../../src/mime/parse-message.ts';
import type { FoundFile } from '../../../src/types.ts';
import { corpusEmails } from '../mime/corpus.ts';

let cache: Map<string, FoundFile[]> | null = null;

async function all(): Promise<Map<string, FoundFile[]>> {
  if (cache) return cache;
  cache = new Map();
  for (const { name, raw } of corpusEmails()) cache.set(name.slice(0, 3), (await parseMessage(raw)).attachments);
  return cache;
}

/** The attachment of corpus email `prefix` (e.g. "d07") whose name matches. */
export async function corpusFile(prefix: string, name: RegExp): Promise<FoundFile> {
  const file = (await all()).get(prefix)?.find((f) => name.test(f.filename));
  if (!file) throw new Error(`no attachment ${name} in ${prefix}`);
  return file;
}
