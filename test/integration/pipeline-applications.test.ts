// One application per unit, stored: the dev applications set (../shared/corpus/applications)
// ingested in receipt order gives the expected applications; ingested in a shuffled order, with
// two workers, one email held back until after an operator's decision, and then all reprocessed,
// it gives exactly the same applications, and the operators' decisions survive.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { startIngestWorker } from '../../src/app/start-workers.ts';
import type { StoredApplication } from '../../src/db/applications-repo.ts';
import { withTransaction } from '../../src/db/pool.ts';
import { acceptRawMessage } from '../../src/ingest/accept-raw.ts';
import { updateApplications } from '../../src/ingest/update-applications.ts';
import { requestRerun } from '../../src/operations/request-rerun.ts';
import { reviewApplication } from '../../src/operations/review-application.ts';
import { waitForRuns } from '../../src/operations/wait-for-runs.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { corpusDir } from '../helpers/paths.ts';

const dir = resolve(corpusDir, 'applications');
const hasSet = (() => {
  try {
    readFileSync(resolve(dir, 'index.json'));
    return true;
  } catch {
    return false;
  }
})();

type IndexEmail = { file: string; received_at: string; message_id: string };
type ExpectedMaterial = { filename: string; message_id: string } | null;
type ExpectedApplication = {
  unit_name: string;
  uscc: string;
  members: { message_id: string }[];
  materials: Record<string, ExpectedMaterial>;
  flags: string[];
  complete: boolean;
  complete_on_time: boolean;
};

const emails = hasSet ? (JSON.parse(readFileSync(resolve(dir, 'index.json'), 'utf8')).emails as IndexEmail[]) : [];
const expected = hasSet
  ? (JSON.parse(readFileSync(resolve(dir, 'applications.expected.json'), 'utf8')).applications as ExpectedApplication[])
  : [];

/** A deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function ingest(app: AppContext, items: readonly IndexEmail[], concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  for (const e of items) {
    const { id } = await acceptRawMessage(app, {
      raw: readFileSync(resolve(dir, e.file)),
      mailbox: 'import',
      uidvalidity: null,
      uid: null,
      receivedAt: new Date(e.received_at),
      source: 'import',
    });
    ids.push(id);
  }
  const worker = startIngestWorker(app, { concurrency });
  try {
    await waitForRuns(app, ids, { timeoutMs: 280_000 });
  } finally {
    await worker.close();
  }
  return ids;
}

/** What must not depend on processing order: everything but ids and times of writing. */
function projection(apps: StoredApplication[]) {
  return apps
    .map((a) => ({
      unit_name: a.unitName,
      uscc: a.uscc,
      members: a.members.map((m) => `${m.message_id}@${m.received_at}${m.late ? ' late' : ''}`),
      materials: Object.fromEntries(Object.entries(a.materials).map(([k, m]) => [k, m && `${m.filename} <${m.message_id}>`])),
      flags: a.flags,
      complete: a.complete,
      complete_on_time: a.completeOnTime,
      record: a.record,
    }))
    .sort((x, y) => x.members[0].localeCompare(y.members[0]));
}

const byUscc = (apps: StoredApplication[], uscc: string): StoredApplication => {
  const found = apps.find((a) => a.uscc === uscc);
  if (!found) throw new Error(`no application for ${uscc}`);
  return found;
};

describe.skipIf(!hasSet)('applications stored by the ingest transaction', () => {
  const envs: ImportEnv[] = [];
  let inReceiptOrder: ReturnType<typeof projection> = [];

  afterAll(async () => {
    for (const t of envs) await t.cleanup();
  });

  it('receipt order: one application per unit, as the contract says', async () => {
    const t = await createImportEnv('apps-receipt');
    envs.push(t);
    await ingest(t.app, emails, 1);
    const apps = await t.app.repos.applications.list(t.app.pool);
    expect(apps).toHaveLength(expected.length);
    for (const e of expected) {
      const a = byUscc(apps, e.uscc);
      expect(a.unitName, e.uscc).toBe(e.unit_name);
      expect(
        a.members.map((m) => m.message_id),
        e.uscc,
      ).toEqual(e.members.map((m) => m.message_id));
      for (const [kind, m] of Object.entries(e.materials)) {
        const got = a.materials[kind as keyof typeof a.materials];
        expect(got && { filename: got.filename, message_id: got.message_id }, `${e.uscc} ${kind}`).toEqual(
          m && { filename: m.filename, message_id: m.message_id },
        );
      }
      expect(a.flags, e.uscc).toEqual([...e.flags].sort());
      expect({ complete: a.complete, complete_on_time: a.completeOnTime }, e.uscc).toEqual({
        complete: e.complete,
        complete_on_time: e.complete_on_time,
      });
    }
    // The question after a complete application is no member: its message has no application.
    const orphans = await t.sql.query('SELECT count(*)::int AS n FROM submissions WHERE active AND application_id IS NULL');
    expect(orphans.rows[0].n).toBe(0);
    inReceiptOrder = projection(apps);
  });

  it('shuffled, concurrent, a late-arriving member after 退回补充, then reprocessed: the same applications', async () => {
    const t = await createImportEnv('apps-shuffled');
    envs.push(t);
    const { app } = t;
    const repo = app.repos.applications;
    // Held back: the samples email of the sender-only unit (its application lacks samples until then).
    const heldBack = emails.find((e) => e.file.includes('sender-only-supplement-C'))!;
    const hospital = expected.find((e) => e.members.some((m) => m.message_id === heldBack.message_id))!;
    const firstIds = await ingest(
      app,
      shuffled(
        emails.filter((e) => e !== heldBack),
        20251105,
      ),
      2,
    );

    let apps = await repo.list(app.pool);
    const waiting = byUscc(apps, hospital.uscc);
    expect(waiting.flags).toContain('MISSING_ATTACHMENT:samples');
    await reviewApplication(app, { applicationId: waiting.id, state: '退回补充', comment: '请补充数据集样例', reviewedBy: '张审核' });
    const approvedUscc = expected.find((e) => e.complete && e.uscc !== hospital.uscc)!.uscc;
    const approved = byUscc(apps, approvedUscc);
    await reviewApplication(app, { applicationId: approved.id, state: '已通过', comment: '材料齐全', reviewedBy: '李审核' });
    await expect(reviewApplication(app, { applicationId: approved.id, state: '通过', reviewedBy: '李审核' })).rejects.toThrow(
      /unknown review state/,
    );

    const [heldId] = await ingest(app, [heldBack], 1);
    const answered = (await repo.get(app.pool, waiting.id))!;
    expect(answered.active).toBe(true);
    expect(answered.reviewState).toBe('待审核');
    expect(answered.reviewComment).toBe('请补充数据集样例');
    expect(answered.complete).toBe(true);
    const last = (await repo.events(app.pool, waiting.id)).at(-1)!;
    expect(last).toMatchObject({ kind: 'changed', causedByMessage: heldId });
    expect(last.detail).toMatchObject({
      reviewState: { from: '退回补充', to: '待审核' },
      membersAdded: [expect.objectContaining({ message_id: heldBack.message_id })],
      materials: [expect.objectContaining({ kind: 'samples', change: 'added' })],
      flagsBefore: expect.arrayContaining(['MISSING_ATTACHMENT:samples']),
      flagsAfter: [],
    });

    apps = await repo.list(app.pool);
    const idsBefore = apps.map((a) => a.id).sort();
    const eventsBefore = Number((await t.sql.query('SELECT count(*) AS n FROM application_events')).rows[0].n);
    const requestedAt = await requestRerun(app, { messageIds: [...firstIds, heldId], reason: 'reprocess', requestedBy: 'test' });
    const worker = startIngestWorker(app, { concurrency: 2 });
    try {
      await waitForRuns(app, [...firstIds, heldId], { since: requestedAt, timeoutMs: 280_000 });
    } finally {
      await worker.close();
    }

    apps = await repo.list(app.pool);
    expect(projection(apps)).toEqual(inReceiptOrder);
    // Reprocessing changed nothing: same rows, no new events, decisions kept.
    expect(apps.map((a) => a.id).sort()).toEqual(idsBefore);
    expect(Number((await t.sql.query('SELECT count(*) AS n FROM application_events')).rows[0].n)).toBe(eventsBefore);
    expect(byUscc(apps, approvedUscc)).toMatchObject({ reviewState: '已通过', reviewComment: '材料齐全', reviewedBy: '李审核' });
    expect(byUscc(apps, hospital.uscc)).toMatchObject({ reviewState: '待审核', reviewComment: '请补充数据集样例' });

    // A member that stops being a submission leaves; when the last one leaves, the application is gone
    // from the list (kept inactive with its history). What a re-run judging them not submissions writes:
    const leave = (messageId: string) =>
      withTransaction(app.pool, async (tx) => {
        const keys = await app.repos.submissions.deactivate(tx, messageId);
        await app.repos.submissions.lockUnitKeys(tx, keys);
        await updateApplications(app, tx, messageId, keys);
      });
    const twoMembers = byUscc(apps, expected.find((e) => e.members.length === 2 && !e.complete_on_time && e.complete)!.uscc);
    const memberMessages = (
      await t.sql.query('SELECT message_id::text AS id FROM submissions WHERE application_id = $1 ORDER BY received_at', [twoMembers.id])
    ).rows.map((r) => r.id as string);
    await leave(memberMessages[1]);
    const shrunk = (await repo.get(app.pool, twoMembers.id))!;
    expect(shrunk).toMatchObject({ active: true, complete: false, completeOnTime: false });
    expect(shrunk.members).toHaveLength(1);
    expect(shrunk.flags).toContain('MISSING_ATTACHMENT:samples');
    expect((await repo.events(app.pool, twoMembers.id)).at(-1)!.detail).toMatchObject({
      membersRemoved: [expect.anything()],
      materials: [expect.objectContaining({ kind: 'samples', change: 'removed' })],
    });
    await leave(memberMessages[0]);
    expect(await repo.get(app.pool, twoMembers.id)).toMatchObject({ active: false, mergedInto: null });
    expect((await repo.events(app.pool, twoMembers.id)).at(-1)!.kind).toBe('emptied');
    expect((await repo.list(app.pool)).map((a) => a.id)).not.toContain(twoMembers.id);
  });
});
