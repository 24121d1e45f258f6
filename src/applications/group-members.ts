// Which submissions form one unit's application. The identity is the one versions use
// (src/versions/version-chain.ts: same 统一社会信用代码, else same normalized unit name, else the
// sender when one side has no readable 附件1), but grouping needs a transitive answer that
// sameUnit alone does not give: a link-only email from a district official's address "matches"
// two units that share no document key, and must not glue them into one application.
//
// So, over every candidate member at once (the answer depends only on the set, never on the
// order in which members arrived):
//   1. Members whose documents name the unit (a document key: uscc:/unit:) are joined when they
//      share any document key, transitively (a corrected code with the same name still joins).
//   2. A member without document keys (scan-only, samples-only, link-only email) joins the group
//      of the nearest earlier member with documents from the same sender (a 补充材料 refers to
//      what was sent before); if the sender sent nothing with documents earlier, the nearest
//      later one; if never, it groups with the other document-less emails of that sender.
import { compareChainOrder, type ChainPosition } from '../versions/version-chain.ts';

type Groupable = ChainPosition & { unitKeys: readonly string[] };

const isSenderKey = (k: string): boolean => k.startsWith('sender:');

/** Union-find over indices. */
function disjointSets(n: number): { find: (i: number) => number; union: (a: number, b: number) => void } {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  // The smaller index (earlier in chain order) becomes the root: deterministic roots.
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  return { find, union };
}

/** Groups members into applications: each group in chain order, groups ordered by their first member. */
export function groupMembers<T extends Groupable>(members: readonly T[]): T[][] {
  const sorted = [...members].sort(compareChainOrder);
  const sets = disjointSets(sorted.length);
  const docKeys = sorted.map((m) => m.unitKeys.filter((k) => !isSenderKey(k)));
  const senders = sorted.map((m) => m.unitKeys.filter(isSenderKey));

  const firstWithKey = new Map<string, number>();
  sorted.forEach((_, i) => {
    for (const k of docKeys[i]) {
      const first = firstWithKey.get(k);
      if (first === undefined) firstWithKey.set(k, i);
      else sets.union(first, i);
    }
  });

  const firstSenderOnly = new Map<string, number>();
  sorted.forEach((_, i) => {
    if (docKeys[i].length > 0) return;
    const mine = new Set(senders[i]);
    const sameSender = (j: number) => docKeys[j].length > 0 && senders[j].some((k) => mine.has(k));
    let anchor = -1;
    for (let j = i - 1; j >= 0 && anchor < 0; j--) if (sameSender(j)) anchor = j;
    for (let j = i + 1; j < sorted.length && anchor < 0; j++) if (sameSender(j)) anchor = j;
    if (anchor >= 0) {
      sets.union(anchor, i);
      return;
    }
    for (const k of senders[i]) {
      const first = firstSenderOnly.get(k);
      if (first === undefined) firstSenderOnly.set(k, i);
      else sets.union(first, i);
    }
  });

  const groups = new Map<number, T[]>();
  sorted.forEach((m, i) => {
    const root = sets.find(i);
    const group = groups.get(root) ?? [];
    group.push(m);
    groups.set(root, group);
  });
  // Roots are the smallest index of each group, and sorted is in chain order.
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}
