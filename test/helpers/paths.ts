// Where things are, from any test file: the project root, ../shared beside it (present in CI
// and on the bureau's dev machines, absent in a plain clone) and the project's own fixtures.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const sharedDir = resolve(projectRoot, '../shared');
export const corpusDir = resolve(sharedDir, 'corpus');
export const sampleMailboxDir = resolve(projectRoot, 'test/fixtures/sample-mailbox');

export const hasCorpus = existsSync(resolve(corpusDir, 'index.json'));
