// Ticked options in the form's checkbox lines. A box may follow its option (申报方向:
// "高质量数据集建设应用☑  高质量数据集模型验证□") or precede it (行业: "☑科学研究  □工业制造");
// which one is decided per text by whether a box or an option comes first.
import { norm } from './text.ts';
import { YES_NO, type OptionSpec } from './options.ts';

// Private-use code points are Word symbol-font characters (Wingdings / Wingdings 2) when a
// converter passes them through instead of mapping them: F052 ☑, F051 ☒, F050 ✓, F0FE ☑,
// F0FD ☒, F0FC ✓, F0FB ✗; boxes F0A3, F0A8, F06F, F0A1, F030.
const TICKED = new Set([...'☑■√✓✔☒⊠▣✗✘●◉◼▪'].concat(['\uF052', '\uF051', '\uF050', '\uF0FE', '\uF0FD', '\uF0FC', '\uF0FB']));
const UNTICKED = new Set([...'□☐◻▢○◯⬜'].concat(['\uF0A3', '\uF0A8', '\uF06F', '\uF0A1', '\uF030']));

type Mark = { pos: number; ticked: boolean };
type Occurrence = { start: number; end: number; value: string };

/** Non-overlapping occurrences of the options, longest spelling first ("行业通识数据集" before "通识数据集"). */
function findOccurrences(text: string, options: OptionSpec[]): Occurrence[] {
  const spellings = options.flatMap((o) => o.spellings.map((s) => ({ s, value: o.value }))).sort((a, b) => b.s.length - a.s.length);
  const taken = new Array<boolean>(text.length).fill(false);
  const found: Occurrence[] = [];
  for (const { s, value } of spellings) {
    let from = 0;
    for (;;) {
      const i = text.indexOf(s, from);
      if (i < 0) break;
      from = i + 1;
      if (taken.slice(i, i + s.length).some(Boolean)) continue;
      for (let k = i; k < i + s.length; k++) taken[k] = true;
      found.push({ start: i, end: i + s.length, value });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** An 'x' or 'X' standing alone right next to an option is a tick written by hand. */
function isHandTick(text: string, i: number, occ: Occurrence[]): boolean {
  const ch = text[i];
  if (ch !== 'x' && ch !== 'X' && ch !== 'ｘ' && ch !== 'Ｘ') return false;
  if (/[A-Za-z0-9]/.test(text[i - 1] ?? '') || /[A-Za-z0-9]/.test(text[i + 1] ?? '')) return false;
  let after = i + 1;
  while (after < text.length && /[\s\u3000]/.test(text[after])) after++;
  let before = i;
  while (before > 0 && /[\s\u3000]/.test(text[before - 1])) before--;
  return occ.some((o) => o.start === after || o.end === before);
}

function findMarks(text: string, occ: Occurrence[]): Mark[] {
  const marks: Mark[] = [];
  for (let i = 0; i < text.length; i++) {
    if (occ.some((o) => i >= o.start && i < o.end)) continue;
    const ch = text[i];
    if (TICKED.has(ch) || isHandTick(text, i, occ)) marks.push({ pos: i, ticked: true });
    else if (UNTICKED.has(ch)) marks.push({ pos: i, ticked: false });
  }
  return marks;
}

/** Characters between two offsets, a line break counting as far apart (a box stays on its line). */
function gap(text: string, from: number, to: number): number {
  const between = text.slice(from, to);
  return between.includes('\n') ? Infinity : between.length;
}

/**
 * Whether boxes precede their options. Each mark votes for the option it sits closer to, so a
 * line that kept only its ticks ("科学研究  工业制造  ✔交通运输  金融服务": the empty boxes
 * deleted) still reads right; a tie everywhere falls back to what comes first, box or option.
 */
function boxesPrecede(text: string, marks: Mark[], occ: Occurrence[]): boolean {
  let vote = 0;
  for (const m of marks) {
    const before = occ.filter((o) => o.end <= m.pos).at(-1);
    const after = occ.find((o) => o.start > m.pos);
    const toBefore = before ? gap(text, before.end, m.pos) : Infinity;
    const toAfter = after ? gap(text, m.pos + 1, after.start) : Infinity;
    if (toAfter < toBefore) vote++;
    else if (toBefore < toAfter) vote--;
  }
  if (vote !== 0) return vote > 0;
  return marks[0].pos < occ[0].start;
}

export type TickResult = {
  /** Option values ticked, in the form's order, without duplicates. */
  ticked: string[];
  /** Options named in the text, ticked or not. */
  named: string[];
  /** Whether the text has any checkbox at all. */
  hasBoxes: boolean;
};

/** Reads which options of `options` are ticked in `text`. */
export function readTicks(text: string | null | undefined, options: OptionSpec[]): TickResult {
  if (!text) return { ticked: [], named: [], hasBoxes: false };
  const occ = findOccurrences(text, options);
  const marks = findMarks(text, occ);
  const named = [...new Set(occ.map((o) => o.value))];
  if (marks.length === 0 || occ.length === 0) {
    // No boxes at all: an applicant who deleted the options not chosen wrote only the chosen
    // ones; a line naming every option (boxes lost in conversion) says nothing.
    const all = new Set(options.map((o) => o.value));
    const ticked = marks.length === 0 && named.length > 0 && named.length < all.size ? named : [];
    return { ticked, named, hasBoxes: marks.length > 0 };
  }
  const boxFirst = boxesPrecede(text, marks, occ);
  const ticked: string[] = [];
  occ.forEach((o, k) => {
    const lo = boxFirst ? (k > 0 ? occ[k - 1].end : 0) : o.end;
    const hi = boxFirst ? o.start : k + 1 < occ.length ? occ[k + 1].start : text.length;
    const inWindow = marks.filter((m) => m.pos >= lo && m.pos < hi);
    // The box nearest to the option is its own.
    const mark = boxFirst ? inWindow[inWindow.length - 1] : inWindow[0];
    if (mark?.ticked && !ticked.includes(o.value)) ticked.push(o.value);
  });
  return { ticked, named, hasBoxes: true };
}

/** A 是/否 pair: true or false when exactly one is ticked, else null (neither or both). */
export function readYesNo(text: string | null | undefined): boolean | null {
  if (!text) return null;
  const plain = norm(text).replace(/[。.,，;；]$/, '');
  if (plain === '是') return true;
  if (plain === '否') return false;
  const { ticked, hasBoxes } = readTicks(text, YES_NO);
  if (!hasBoxes || ticked.length !== 1) return null;
  return ticked[0] === '是';
}
