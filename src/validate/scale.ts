// Scales for the 附件1/附件3 comparison. Parsing is shared with the form readers
// (src/forms/scales.ts), so both sides of a comparison are read by the same rules:
// `10万条`, `1.2亿行`, `1,260,000 条`; GB with 1 TB = 1024 GB, 1 GB = 1024 MB, parts summed.
export { parseGigabytes, parseRows } from '../forms/scales.ts';

const NONE = /^(?:[/\\—–\-_~～]+|无|暂无|没有|N\/?A|不适用|不涉及|不涉及此项)$/i;

/** True for cells that say "none" (`/`, `无`, `-`, blank), which is a value, not unreadable text. */
export function isNoneScale(text: string | null | undefined): boolean {
  if (text === null || text === undefined) return true;
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  return t === '' || NONE.test(t);
}
