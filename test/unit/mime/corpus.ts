// Where the shared development corpus lives (beside the clone); tests skip when it is absent.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusDir = resolve(projectRoot, '../shared/corpus');
export const hasCorpus = existsSync(resolve(corpusDir, 'index.json'));

export type ExpectedAttachment = { filename: string; kind: string; readable: boolean };
export type Expected = { file: string; received_at: string; attachments: ExpectedAttachment[] };

export function corpusEmails(): { name: string; raw: Buffer; expected: Expected }[] {
  if (!hasCorpus) return [];
  return readdirSync(corpusDir)
    .filter((n) => n.endsWith('.eml'))
    .sort()
    .map((name) => ({
      name,
      raw: readFileSync(resolve(corpusDir, name)),
      expected: JSON.parse(readFileSync(resolve(corpusDir, name.replace(/\.eml$/, '.expected.json')), 'utf8')) as Expected,
    }));
}
