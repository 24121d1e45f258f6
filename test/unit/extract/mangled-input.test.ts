// Bad input gets a flag, never a crash: every email of the mail sets, cut short or with bytes
// overwritten inside its attachments, must still come out as one judged record.
import { describe, expect, it } from 'vitest';
import { wuhanDatasetCall2025 } from '../../../src/campaign/campaign.ts';
import { extractEmail, judgeExtraction } from '../../../src/extract/extract-email.ts';
import { mailSets } from '../../helpers/mail-sets.ts';

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = { name: string; apply(raw: Buffer, rnd: () => number): Buffer };

const mutations: Mutation[] = [
  { name: 'cut at 40%', apply: (raw) => raw.subarray(0, Math.floor(raw.length * 0.4)) },
  { name: 'cut at 85%', apply: (raw) => raw.subarray(0, Math.floor(raw.length * 0.85)) },
  {
    // Overwrite base64 characters past the headers: attachments decode to corrupt files.
    name: 'overwritten bytes',
    apply: (raw, rnd) => {
      const out = Buffer.from(raw);
      const start = Math.floor(out.length * 0.2);
      for (let i = 0; i < 400; i++) {
        const at = start + Math.floor(rnd() * (out.length - start));
        if (/[A-Za-z0-9+/]/.test(String.fromCharCode(out[at]))) out[at] = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.charCodeAt(Math.floor(rnd() * 26));
      }
      return out;
    },
  },
  { name: 'headers only', apply: (raw) => raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n'))) },
];

const items = mailSets().flatMap((set) =>
  set.items
    .filter((i) => i.expected.is_submission)
    .slice(0, 6)
    .map((i) => ({ set: set.name, ...i })),
);

describe('mangled emails', () => {
  for (const item of items) {
    it(`${item.set}/${item.file}: every mutation yields one judged record`, async () => {
      const rnd = random(item.raw.length);
      let unreadable = 0;
      for (const m of mutations) {
        const raw = m.apply(item.raw, rnd);
        const x = await extractEmail(raw, { campaign: wuhanDatasetCall2025 });
        const { output } = judgeExtraction(x, { campaign: wuhanDatasetCall2025, isResubmission: false });
        expect(Array.isArray(output.flags), m.name).toBe(true);
        expect(typeof output.is_submission, m.name).toBe('boolean');
        // A cut that leaves attachments must flag each unreadable one by name, never drop it.
        for (const a of output.attachments.filter((a) => !a.readable)) {
          expect(output.flags, m.name).toContain(`UNREADABLE_ATTACHMENT:${a.filename}`);
          unreadable++;
        }
      }
      // The mutations really did damage files (the test would prove nothing otherwise).
      expect(unreadable).toBeGreaterThan(0);
    }, 120_000);
  }
});
