#!/usr/bin/env node
// CLI entry point. Runs the compiled build when present (production image), otherwise the
// TypeScript sources through tsx (development, tests, `npx intake` in a fresh clone).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/src/cli/main.js`;
if (process.env.INTAKE_USE_DIST === '1' && existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(`${root}src/cli/main.ts`).href);
}
