// The mail sets integration tests run over: the project's own sample mailbox always, and the
// development corpus of ../shared whenever it exists. Each email comes with its expectations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, hasCorpus, sampleMailboxDir } from './paths.ts';

export type ExpectedEmail = {
  file: string;
  received_at: string;
  is_submission: boolean;
  late: boolean;
  attachments: { filename: string; kind: string; readable: boolean }[];
  flags: string[];
};

export type MailItem = { file: string; raw: Buffer; expected: ExpectedEmail };
export type MailSet = { name: string; dir: string; items: MailItem[] };

export function loadMailSet(name: string, dir: string): MailSet {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { emails: { file: string; expected: string }[] };
  const items = index.emails.map((e) => ({
    file: e.file,
    raw: readFileSync(join(dir, e.file)),
    expected: JSON.parse(readFileSync(join(dir, e.expected), 'utf8')) as ExpectedEmail,
  }));
  return { name, dir, items };
}

export function mailSets(): MailSet[] {
  const sets = [loadMailSet('sample-mailbox', sampleMailboxDir)];
  if (hasCorpus) sets.push(loadMailSet('shared-corpus', corpusDir));
  return sets;
}
