// The project's root folder (package.json beside templates/), found from the sources (src/...) or
// the build (dist/src/...), so templates and static assets load whichever runs and whatever the cwd.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function projectRoot(): string {
  if (cached) return cached;
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return (cached = dir);
  }
  return (cached = process.cwd());
}
