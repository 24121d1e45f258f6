// Which stored application each recomputed group is. An application keeps its id while it has
// members, because reviews and acknowledgements hang on it. Groups change shape, so:
//   - a group is the application that holds the group's earliest member among that
//     application's members (the application "started" there); so when a bridging email is
//     withdrawn and a group splits, the part holding the oldest members keeps the id and the
//     other part becomes a new application;
//   - when a new email links two groups, the merged group owns both applications and keeps the
//     oldest (lowest id, the one operators have known longest); the other is retired as merged
//     into it (kept, inactive, with its review history);
//   - an application none of whose members remain is retired as emptied.
// Pure; the result depends on the set of members and their current applications only.
import { compareChainOrder, type ChainPosition } from '../versions/version-chain.ts';

export type HeldMember = ChainPosition & { applicationId: string | null };

export type IdentityPlan = {
  /** Per group: the application it stays, or null when it is a new application. */
  ids: (string | null)[];
  /** Applications no group stays: merged into a surviving one, or emptied (mergedInto null). */
  retired: { applicationId: string; mergedInto: string | null }[];
};

const byId = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/** `touched`: every application the caller read (including those that may have no member left). */
export function assignIdentities(groups: readonly (readonly HeldMember[])[], touched: readonly string[]): IdentityPlan {
  // For each application, the group holding its earliest member owns it.
  const earliest = new Map<string, { member: HeldMember; group: number }>();
  groups.forEach((group, g) => {
    for (const m of group) {
      if (m.applicationId === null) continue;
      const seen = earliest.get(m.applicationId);
      if (!seen || compareChainOrder(m, seen.member) < 0) earliest.set(m.applicationId, { member: m, group: g });
    }
  });
  const owned = groups.map(() => [] as string[]);
  for (const [id, { group }] of earliest) owned[group].push(id);

  const ids: (string | null)[] = [];
  const retired: IdentityPlan['retired'] = [];
  for (const apps of owned) {
    const [keep, ...rest] = [...apps].sort(byId);
    ids.push(keep ?? null);
    for (const id of rest) retired.push({ applicationId: id, mergedInto: keep });
  }
  for (const id of [...new Set(touched)].sort(byId)) {
    if (!earliest.has(id)) retired.push({ applicationId: id, mergedInto: null });
  }
  return { ids, retired };
}
