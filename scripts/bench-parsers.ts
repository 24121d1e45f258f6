// Parser throughput on one core: documents per second per format, beside the floor of merely
// unzipping an OOXML file and reading its main XML part. Optionally (--libreoffice, when
// `soffice` is installed) converts each .doc/.xls with LibreOffice headless for comparison.
//
//   npx tsx scripts/bench-parsers.ts [--seconds 2] [--libreoffice] [DIR_WITH_EML ...]
//
// Default sources: ../shared/corpus when present, else test/fixtures/sample-mailbox.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { detectFormat, pickParser } from '../src/formats/registry.ts';
import { readZip } from '../src/formats/zip-reader.ts';
import { docxParser } from '../src/formats/docx.ts';
import { xlsxParser } from '../src/formats/xlsx.ts';
import { parseMessage } from '../src/mime/parse-message.ts';
import type { Block, DocFormat } from '../src/types.ts';

const run = promisify(execFile);
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

type Sample = { filename: string; contentType: string; content: Buffer; format: DocFormat };

function args() {
  const argv = process.argv.slice(2);
  const seconds = Number(argv[argv.indexOf('--seconds') + 1]) || 2;
  const libreoffice = argv.includes('--libreoffice');
  const dirs = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--seconds');
  if (dirs.length === 0) {
    const corpus = resolve(root, '../shared/corpus');
    dirs.push(existsSync(corpus) ? corpus : resolve(root, 'test/fixtures/sample-mailbox'));
  }
  return { seconds, libreoffice, dirs };
}

async function collect(dirs: string[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  const add = async (filename: string, contentType: string, content: Buffer): Promise<void> => {
    const format = detectFormat({ filename, contentType, content });
    if (format === 'zip') {
      for (const m of await readZip(content).catch(() => [])) if (m.content) await add(m.name, '', m.content);
      return;
    }
    samples.push({ filename, contentType, content, format });
  };
  for (const dir of dirs) {
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.eml'))
      .sort()) {
      const email = await parseMessage(readFileSync(join(dir, name)));
      for (const a of email.attachments) await add(a.filename, a.contentType, a.content);
    }
  }
  return samples;
}

/** Runs fn over the samples round-robin for about `seconds`; returns documents per second. */
async function rate(samples: Sample[], seconds: number, fn: (s: Sample) => Promise<unknown>): Promise<number> {
  for (const s of samples) await fn(s).catch(() => undefined); // warm-up: module loading, JIT
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < budget || n < samples.length) {
    await fn(samples[n % samples.length]).catch(() => undefined);
    n++;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function mainXml(content: Buffer, part: RegExp): Promise<number> {
  const members = await readZip(content);
  return members.filter((m) => part.test(m.name)).reduce((n, m) => n + (m.content?.toString('utf8').length ?? 0), 0);
}

const FLOORS: Partial<Record<DocFormat, RegExp>> = {
  docx: /^word\/document\.xml$/,
  xlsx: /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/,
};

function flatText(blocks: Block[]): string {
  return blocks
    .map((b) => (b.type === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join('|')).join('\n')))
    .join('\n')
    .replace(/\s+/g, '');
}

function spans(blocks: Block[]): number {
  return blocks.reduce(
    (n, b) => n + (b.type === 'table' ? b.rows.flat().filter((c) => (c.colspan ?? 1) > 1 || (c.rowspan ?? 1) > 1).length : 0),
    0,
  );
}

async function libreOfficeCompare(samples: Sample[]): Promise<string[]> {
  const lines: string[] = [];
  const which = await run('sh', ['-c', 'command -v soffice']).catch(() => null);
  if (!which) return ['soffice not installed: LibreOffice comparison skipped'];
  for (const s of samples.filter((x) => x.format === 'doc' || x.format === 'xls')) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-lo-'));
    try {
      const ext = s.format === 'doc' ? 'doc' : 'xls';
      const target = s.format === 'doc' ? 'docx' : 'xlsx';
      await writeFile(join(dir, `in.${ext}`), s.content);
      const t0 = process.hrtime.bigint();
      // Own profile per conversion (concurrent soffice runs otherwise share and lock one).
      await run(
        'soffice',
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', target, '--outdir', dir, join(dir, `in.${ext}`)],
        {
          timeout: 120_000,
          env: { ...process.env, HOME: dir },
        },
      );
      const loMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const converted = await readFile(join(dir, `in.${target}`));
      const viaLo = await (s.format === 'doc' ? docxParser : xlsxParser).parse(converted);
      const t1 = process.hrtime.bigint();
      const direct = await pickParser(s)!.parser.parse(s.content);
      const directMs = Number(process.hrtime.bigint() - t1) / 1e6;
      const same = flatText(viaLo.blocks) === flatText(direct.blocks);
      lines.push(
        `| ${s.filename} | ${directMs.toFixed(1)} ms | ${loMs.toFixed(0)} ms | ${same ? 'same' : 'differs'} | ${spans(direct.blocks)} / ${spans(viaLo.blocks)} |`,
      );
    } catch (err) {
      lines.push(`| ${s.filename} | | failed: ${(err as Error).message.split('\n')[0]} | | |`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const { seconds, libreoffice, dirs } = args();
  const samples = await collect(dirs);
  const byFormat = new Map<DocFormat, Sample[]>();
  for (const s of samples) byFormat.set(s.format, [...(byFormat.get(s.format) ?? []), s]);
  console.log(`# ${samples.length} documents from ${dirs.join(', ')}; ${seconds} s per format, one thread\n`);
  console.log('| format | files | avg size | docs/s (parse) | docs/s (floor: unzip + main XML) |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [format, list] of [...byFormat].sort((a, b) => a[0].localeCompare(b[0]))) {
    const avg = list.reduce((n, s) => n + s.content.length, 0) / list.length;
    const parse = await rate(list, seconds, (s) => pickParser(s)!.parser.parse(s.content));
    const floorPart = FLOORS[format];
    const floor = floorPart ? (await rate(list, seconds, (s) => mainXml(s.content, floorPart))).toFixed(0) : '—';
    console.log(`| ${format} | ${list.length} | ${(avg / 1024).toFixed(1)} KB | ${parse.toFixed(1)} | ${floor} |`);
  }
  if (libreoffice) {
    console.log('\n| file | word-extractor / SheetJS | LibreOffice convert | text | merged cells (direct / LO) |');
    console.log('| --- | ---: | ---: | --- | --- |');
    for (const line of await libreOfficeCompare(samples)) console.log(line);
  }
}

await main();
