// Stamped-scan costs on this machine: seconds per page and peak memory of rasterizing (pdftoppm),
// the page analysis (seal search + red channel levels, in-process here) and OCR (tesseract,
// chi_sim, one thread), and what one typical submission costs end to end through `intake
// extract`, with OCR on and off (INTAKE_OCR=off). Peak memory of the tools is GNU time's maximum
// resident set size (apt package `time`); without it only times are printed.
//
//   npx tsx scripts/bench-scan.ts [--runs 3] [EMAIL.eml]
//
// Default email: ../shared/corpus/d14-foxmail-standard.eml (a 3-page image-only colour scan at
// 120 ppi with its forms and samples), else the first .eml given.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { campaignWithDeadline } from '../src/campaign/campaign.ts';
import { loadConfig } from '../src/config/env.ts';
import { extractEmail } from '../src/extract/extract-email.ts';
import { analyzePage } from '../src/scan/page-analysis.ts';
import { readPdfLayout } from '../src/scan/pdf-pages.ts';
import { clampPpi, parsePpm } from '../src/scan/rasterize.ts';
import { scanToolLimits } from '../src/scan/scan-limits.ts';

const run = promisify(execFile);
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

type Measure = { seconds: number; peakMb: number | null };

/** Runs a command (stdin from a file when given) and measures wall time and, with GNU time, peak RSS. */
async function measure(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ m: Measure; stdout: Buffer }> {
  const started = performance.now();
  const wrapped = GNU_TIME ? [GNU_TIME, ['-f', '%M', cmd, ...args]] : [cmd, args];
  const { stdout, stderr } = await run(wrapped[0] as string, wrapped[1] as string[], {
    encoding: 'buffer',
    maxBuffer: 512 << 20,
    env: { ...process.env, ...env },
  });
  const seconds = (performance.now() - started) / 1000;
  const kb = GNU_TIME ? Number(stderr.toString('utf8').trim().split('\n').pop()) : NaN;
  return { m: { seconds, peakMb: Number.isFinite(kb) ? kb / 1024 : null }, stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (m: Measure[]): string =>
  `${median(m.map((x) => x.seconds)).toFixed(2)} s` +
  (m[0]?.peakMb != null ? `, ${Math.max(...m.map((x) => x.peakMb ?? 0)).toFixed(0)} MB peak` : '');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runs = Number(argv[argv.indexOf('--runs') + 1]) || 3;
  const email = argv.find((a) => a.endsWith('.eml')) ?? resolve(root, '../shared/corpus/d14-foxmail-standard.eml');
  if (!existsSync(email)) throw new Error(`no email to measure: ${email} (give an .eml with a stamped scan)`);
  const campaign = campaignWithDeadline(loadConfig({}, 'tool').deadline);
  const x = await extractEmail(await readFile(email), { campaign });
  const scan = x.files.find((f) => f.kind === 'stamped_scan' && f.format === 'pdf' && f.parsed?.hasTextLayer === false);
  if (!scan) throw new Error('the email has no image-only stamped-scan PDF');

  const dir = await mkdtemp(join(tmpdir(), 'bench-scan-'));
  try {
    const pdf = join(dir, 'scan.pdf');
    await writeFile(pdf, scan.content);
    const layout = await readPdfLayout(pdf, scanToolLimits());
    const raster: Measure[] = [];
    const analysis: number[] = [];
    const ocr: Measure[] = [];
    for (let page = 1; page <= layout.pages; page++) {
      const ppi = clampPpi(layout.images.get(page)?.ppi ?? 150);
      let ppm: Buffer = Buffer.alloc(0);
      for (let i = 0; i < runs; i++) {
        const r = await measure('pdftoppm', ['-r', String(ppi), '-f', String(page), '-l', String(page), '-singlefile', pdf]);
        raster.push(r.m);
        ppm = r.stdout;
      }
      const { data, width, height, channels } = parsePpm(ppm);
      let png: Uint8Array | null = null;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const a = await analyzePage({
          image: data,
          raw: { width, height, channels },
          photo: false,
          pxPerMm: ppi / 25.4,
          judgeSeal: true,
          forOcr: true,
        });
        analysis.push((performance.now() - started) / 1000);
        png = a.ocrPng;
      }
      const input = join(dir, `page-${page}.png`);
      await writeFile(input, png as Uint8Array);
      for (let i = 0; i < runs; i++) {
        const r = await measure('tesseract', [input, 'stdout', '-l', 'chi_sim', '--psm', '3', '--dpi', String(ppi)], {
          OMP_THREAD_LIMIT: '1',
        });
        ocr.push(r.m);
      }
    }
    const extract = async (ocrSetting: string): Promise<Measure[]> => {
      const out: Measure[] = [];
      for (let i = 0; i < runs; i++)
        out.push((await measure(process.execPath, [resolve(root, 'bin/intake.js'), 'extract', email], { INTAKE_OCR: ocrSetting })).m);
      return out;
    };
    const withOcr = await extract('on');
    const withoutOcr = await extract('off');
    const ppis = [...new Set([...layout.images.values()].map((p) => p.ppi))].join('/');
    console.log(`scan: ${scan.filename}, ${layout.pages} pages, ${ppis} ppi; ${runs} runs each, medians`);
    console.log(`rasterize (pdftoppm, PPM to stdout)   per page: ${fmt(raster)}`);
    console.log(`page analysis (seal + levels, 1 thread) per page: ${median(analysis).toFixed(3)} s`);
    console.log(`OCR (tesseract chi_sim, 1 thread)      per page: ${fmt(ocr)}`);
    console.log(`intake extract, whole email, OCR on:  ${fmt(withOcr)} (largest process)`);
    console.log(`intake extract, whole email, OCR off: ${fmt(withoutOcr)} (largest process)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
