// The applications step of the ingest transaction: recompute every application the message
// touches, from its members, and store what changed. Runs after the submission is written, in
// the same transaction, under the unit locks the ingest already took.
//
// Which members: the groups are transitive (src/applications/group-members.ts), so the rows
// sharing a key with this message are not enough: their keys may link further rows. We widen
// to a fixed point: read the rows sharing a locked key (or belonging to an application we
// read), lock the new keys they bring, and read again, until no key or application is new. The
// last read is made with every key of every row it returns locked, so no other ingest can change
// those groups under us. Extra keys are locked in sorted order per round; two ingests widening
// into each other's keys can still deadlock, which PostgreSQL detects: one transaction fails and
// its job is retried (BullMQ backoff), which is correct because everything is recomputed.
import type { AppContext } from '../app/context.ts';
import { applicationContent, describeChanges, type ApplicationContent } from '../applications/application-content.ts';
import { assignIdentities } from '../applications/assign-identities.ts';
import { buildApplication } from '../applications/build-application.ts';
import { groupMembers } from '../applications/group-members.ts';
import { stateAfterRecompute } from '../applications/review-states.ts';
import type { StoredMember } from '../db/applications-repo.ts';
import type { Queryable } from '../db/pool.ts';

/** Returns the application the message belongs to now (null when it is in none). */
export async function updateApplications(
  app: AppContext,
  tx: Queryable,
  messageId: string,
  lockedKeys: string[],
): Promise<ApplicationContent | null> {
  const repo = app.repos.applications;
  const keys = new Set(lockedKeys);
  const applicationIds = new Set<string>();
  const own = await repo.applicationOfMessage(tx, messageId);
  if (own) applicationIds.add(own);
  if (keys.size === 0 && applicationIds.size === 0) return null;

  let members: StoredMember[];
  for (;;) {
    members = await repo.findMembers(tx, [...keys], [...applicationIds]);
    const newKeys = [...new Set(members.flatMap((m) => m.unitKeys))].filter((k) => !keys.has(k));
    const newApps = [...new Set(members.flatMap((m) => (m.applicationId ? [m.applicationId] : [])))].filter(
      (id) => !applicationIds.has(id),
    );
    if (newKeys.length === 0 && newApps.length === 0) break;
    await app.repos.submissions.lockUnitKeys(tx, newKeys);
    for (const k of newKeys) keys.add(k);
    for (const id of newApps) applicationIds.add(id);
  }

  // Read before detaching: a member that stopped being a submission still counts among the
  // previous members, so its leaving is recorded.
  const before = new Map((await repo.lockForUpdate(tx, [...applicationIds])).map((a) => [a.id, a]));
  await repo.detachInactive(tx, messageId);
  const groups = groupMembers(members);
  const plan = assignIdentities(groups, [...applicationIds]);
  let mine: ApplicationContent | null = null;

  for (const [i, group] of groups.entries()) {
    const content = applicationContent(buildApplication(group, app.campaign));
    if (group.some((m) => m.messageId === messageId)) mine = content;
    const keptId = plan.ids[i];
    const previous = keptId ? (before.get(keptId) ?? null) : null;
    const change = describeChanges(previous, content);
    const absorbed = plan.retired.filter((r) => r.mergedInto !== null && r.mergedInto === keptId);
    let id: string;
    if (keptId === null || previous === null) {
      id = await repo.insert(tx, content);
      await repo.recordEvent(tx, { applicationId: id, kind: 'created', causedByMessage: messageId, detail: { ...change } });
    } else {
      id = keptId;
      const state = stateAfterRecompute(previous.reviewState, change?.membersAdded.length ?? 0);
      const changed = change !== null || absorbed.length > 0 || !previous.active;
      await repo.update(tx, id, content, state, changed);
      if (changed) {
        const detail = {
          ...change,
          ...(absorbed.length
            ? { absorbed: absorbed.map((r) => ({ id: r.applicationId, review_state: before.get(r.applicationId)?.reviewState ?? null })) }
            : {}),
          ...(state !== previous.reviewState ? { reviewState: { from: previous.reviewState, to: state } } : {}),
        };
        await repo.recordEvent(tx, { applicationId: id, kind: 'changed', causedByMessage: messageId, detail });
      }
    }
    await repo.setMembers(
      tx,
      id,
      group.map((m) => m.submissionId),
    );
  }

  for (const r of plan.retired) {
    const previous = before.get(r.applicationId);
    if (!previous?.active) continue;
    await repo.retire(tx, r.applicationId, r.mergedInto);
    await repo.recordEvent(tx, {
      applicationId: r.applicationId,
      kind: r.mergedInto ? 'merged' : 'emptied',
      causedByMessage: messageId,
      detail: { mergedInto: r.mergedInto, reviewState: previous.reviewState },
    });
  }
  return mine;
}
