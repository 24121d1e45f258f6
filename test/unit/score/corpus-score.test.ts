// End to end on the dev corpus and its stamped-scan set (corpus/scans: the `scan` object, seals
// and codes read by OCR): `intake extract` over every email in index.json order, scored by the
// shared score.mjs exactly as the acceptance run scores it. Skips when ../shared is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sharedDir = path.resolve(projectRoot, '../shared');
const scoreScript = path.join(sharedDir, 'tools/score.mjs');
const SETS = [
  { name: 'dev corpus', dir: path.join(sharedDir, 'corpus') },
  { name: 'stamped-scan set', dir: path.join(sharedDir, 'corpus/scans') },
];

type Summary = {
  files: number;
  crashes: number;
  field_accuracy: number;
  flag_precision: number;
  flag_recall: number;
  late_accuracy: number;
  submission_accuracy: number;
  attachment_names: number;
};
type PerFile = { file: string; fields?: string; misses?: string[]; crash?: string };

for (const { name, dir: corpusDir } of SETS) {
  const available = existsSync(path.join(corpusDir, 'index.json')) && existsSync(scoreScript);
  describe.skipIf(!available)(`${name} score (score.mjs over \`intake extract\`)`, () => {
    let summary: Summary;
    let perFile: PerFile[];
    let workDir: string;

    beforeAll(() => {
      workDir = mkdtempSync(path.join(tmpdir(), 'corpus-score-'));
      const jsonOut = path.join(workDir, 'score.json');
      execFileSync(process.execPath, [scoreScript, '--cmd', `${process.execPath} bin/intake.js extract`, '--json', jsonOut, corpusDir], {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 << 20,
      });
      ({ summary, perFile } = JSON.parse(readFileSync(jsonOut, 'utf8')) as { summary: Summary; perFile: PerFile[] });
    }, 600_000);

    afterAll(() => {
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    });

    /** The misses of every file, so a failure says what went wrong where. */
    const misses = (filter: (m: string) => boolean) =>
      perFile.flatMap((f) => (f.crash ? [`${f.file}: CRASH ${f.crash}`] : (f.misses ?? []).filter(filter).map((m) => `${f.file}: ${m}`)));

    it('runs every email without a crash', () => {
      expect(summary.files).toBeGreaterThan(0);
      expect(misses(() => false)).toEqual([]);
    });

    it('reads every field right (100% field accuracy)', () => {
      const fieldMisses = misses(
        (m) => !m.startsWith('flag ') && !m.startsWith('late') && !m.startsWith('attachment') && !m.startsWith('is_submission'),
      );
      expect(fieldMisses).toEqual([]);
      expect(summary.field_accuracy).toBe(100);
    });

    it('judges lateness right for every email', () => {
      expect(misses((m) => m.startsWith('late'))).toEqual([]);
      expect(summary.late_accuracy).toBe(100);
    });

    it('tells submissions from other mail', () => {
      expect(summary.submission_accuracy).toBe(100);
    });

    it('lists every attachment by its decoded name', () => {
      expect(summary.attachment_names).toBe(100);
    });

    it('raises exactly the expected flags (precision and recall 1.0)', () => {
      expect(misses((m) => m.startsWith('flag '))).toEqual([]);
      expect(summary.flag_precision).toBe(1);
      expect(summary.flag_recall).toBe(1);
    });
  });
}
