// A burst of distinct emails for the fault tests and drills, built from real fixtures: each copy
// gets a Message-ID of its own and a header naming the copy, so its raw bytes (and sha256) differ
// and it is a new email to the pipeline, while its content reads exactly like the original.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type BurstMail = { name: string; raw: Buffer; receivedAt: Date };

/** `count` emails cycling through the .eml files of `dirs` (in name order), tagged `tag`. */
export function burstMail(dirs: string[], count: number, tag: string): BurstMail[] {
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => join(dir, f)),
  );
  if (files.length === 0) throw new Error(`no .eml files in ${dirs.join(', ')}`);
  const out: BurstMail[] = [];
  for (let i = 0; i < count; i++) {
    const file = files[i % files.length]!;
    // latin1 keeps every byte as it is (8-bit bodies included) through the string edit.
    const text = readFileSync(file).toString('latin1');
    const id = `<${tag}-${i}@fault-drill.invalid>`;
    const withId = /^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im.test(text)
      ? text.replace(/^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im, `Message-ID: ${id}`)
      : `Message-ID: ${id}\r\n${text}`;
    const receivedAt = new Date(Date.UTC(2025, 10, 3, 1, 0, 0) + i * 1000);
    out.push({ name: `${tag}-${i}`, raw: Buffer.from(`X-Fault-Drill: ${tag} ${i}\r\n${withId}`, 'latin1'), receivedAt });
  }
  return out;
}
