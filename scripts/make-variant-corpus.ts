// Robustness check for the form readers: rebuilds every submission of a corpus with its Word and
// Excel forms re-saved by LibreOffice in another format, keeping the expected answers, so the same
// score can be taken on files the readers were never tuned on.
//
//   npx tsx scripts/make-variant-corpus.ts CORPUS_DIR OUT_DIR doc|lo|csv
//     doc  附件1/附件2 .docx → Word 97 .doc, 附件3 .xlsx → .xls
//     lo   附件1/附件2 .docx → .docx and 附件3 .xlsx → .xlsx as LibreOffice writes them
//     csv  附件3 .xlsx → .csv (forms unchanged)
//   node ../shared/tools/score.mjs --cmd "node bin/intake.js extract" OUT_DIR
//
// Needs LibreOffice (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui); a dev tool,
// not part of the service or CI. Each conversion gets its own profile and a hard timeout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { simpleParser } from 'mailparser';

type Mode = 'doc' | 'lo' | 'csv';
const [corpus, out, mode] = process.argv.slice(2) as [string, string, Mode];
if (!corpus || !out || !['doc', 'lo', 'csv'].includes(mode)) {
  process.stderr.write('usage: make-variant-corpus.ts CORPUS_DIR OUT_DIR doc|lo|csv\n');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'variants-'));

function convert(content: Buffer, name: string, target: string): Buffer {
  const dir = mkdtempSync(join(work, 'c'));
  mkdirSync(join(dir, 'src'));
  const src = join(dir, 'src', `in${extname(name)}`);
  writeFileSync(src, content);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', target, '--outdir', dir, src], {
    stdio: 'ignore',
    timeout: 120_000,
    env: { ...process.env, HOME: dir },
  });
  return readFileSync(join(dir, `in.${target.split(':')[0]}`));
}

const targets: Record<Mode, { word?: string; sheet?: string }> = {
  doc: { word: 'doc', sheet: 'xls' },
  lo: { word: 'docx', sheet: 'xlsx' },
  csv: { sheet: 'csv:Text - txt - csv (StarCalc):44,34,76' },
};

mkdirSync(out, { recursive: true });
const index = JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8')) as { emails: { file: string; expected: string }[] };
const written: { file: string; expected: string }[] = [];
for (const entry of index.emails) {
  const raw = readFileSync(join(corpus, entry.file));
  const expected = JSON.parse(readFileSync(join(corpus, entry.expected), 'utf8'));
  if (!expected.is_submission) continue;
  const mail = await simpleParser(raw);
  const receivedDate = raw.toString('latin1').match(/^Received:[\s\S]*?;\s*([^\r\n]+)/m)?.[1];
  const kindOf = (name: string) => (expected.attachments as { filename: string; kind: string }[]).find((a) => a.filename === name)?.kind;
  let changed = false;
  const attachments = mail.attachments
    .filter((a) => !a.related && a.contentType !== 'message/rfc822')
    .map((a) => {
      let filename = a.filename ?? 'attachment';
      let content = a.content;
      const kind = kindOf(filename);
      const { word, sheet } = targets[mode];
      try {
        if (word && (kind === 'form1' || kind === 'form2') && /\.docx$/i.test(filename)) {
          content = convert(content, filename, word);
          filename = filename.replace(/\.docx$/i, `.${word}`);
          changed = true;
        } else if (sheet && kind === 'form3' && /\.xlsx$/i.test(filename)) {
          content = convert(content, filename, sheet);
          filename = filename.replace(/\.xlsx$/i, `.${sheet.split(':')[0]}`);
          changed = true;
        }
      } catch (err) {
        process.stderr.write(`conversion failed, kept as is: ${entry.file} ${filename}: ${(err as Error).message}\n`);
      }
      return { filename, content, contentType: 'application/octet-stream' };
    });
  if (!changed) continue;
  const composed = new MailComposer({
    from: mail.from?.text,
    to: 'ssjjsjzlc@163.com',
    subject: mail.subject,
    text: mail.text ?? '',
    attachments,
    headers: { Received: `from variant.invalid by mx.163.com; ${receivedDate}` },
  });
  const file = entry.file.replace(/\.eml$/, `-${mode}.eml`);
  writeFileSync(join(out, file), await composed.compile().build());
  expected.file = file;
  expected.attachments = attachments.map((a) => ({ filename: a.filename }));
  writeFileSync(join(out, file.replace(/\.eml$/, '.expected.json')), JSON.stringify(expected, null, 1));
  written.push({ file, expected: file.replace(/\.eml$/, '.expected.json') });
  process.stdout.write(`wrote ${file}\n`);
}
writeFileSync(join(out, 'index.json'), JSON.stringify({ emails: written }, null, 1));
rmSync(work, { recursive: true, force: true });
