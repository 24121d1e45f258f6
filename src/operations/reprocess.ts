// `intake reprocess` (and, later, the dashboard's button): run the ingest job again for recorded
// messages — those whose last run failed (after a fix, or an outage that outlasted the retries),
// those left with a job pending for more than 5 minutes (no worker running, or a job lost that
// the workers' own sweep has not re-queued), chosen ids, or all of them (after a parser or rule
// change). Nothing is fetched again; the job updates the message's rows in place.
import type { AppContext } from '../app/context.ts';
import { INGEST_STUCK_AFTER_MS } from '../queue/job-options.ts';
import { recordAudit } from './audit.ts';
import { requestRerun } from './request-rerun.ts';
import { waitForRuns, type RunOutcome, type WaitOptions } from './wait-for-runs.ts';

export type ReprocessSelection = { ids?: string[]; failed?: boolean; all?: boolean };

export async function selectForReprocess(app: AppContext, sel: ReprocessSelection): Promise<string[]> {
  const ids = new Set(sel.ids ?? []);
  if (sel.all) {
    for (const id of await app.repos.messages.allIds()) ids.add(id);
  } else if (sel.failed) {
    for (const id of await app.repos.messages.idsLastRunFailed()) ids.add(id);
    // A row that merely waits in a long backlog may be run twice; ingest is idempotent and
    // runs of one message are serialized, so that is safe.
    for (const id of await app.repos.messages.idsStuck(INGEST_STUCK_AFTER_MS)) ids.add(id);
  }
  return [...ids];
}

export async function reprocessMessages(
  app: AppContext,
  sel: ReprocessSelection,
  opts: { requestedBy: string; clientIp?: string | null },
): Promise<{ ids: string[]; requestedAt: Date }> {
  const ids = await selectForReprocess(app, sel);
  if (ids.length > 0) {
    await recordAudit(
      app,
      { name: opts.requestedBy, ip: opts.clientIp },
      {
        action: 'message.reprocess',
        target: ids.length === 1 ? `message:${ids[0]}` : null,
        detail: { count: ids.length, ids: ids.slice(0, 1000), all: !!sel.all, failed: !!sel.failed },
      },
    );
  }
  const requestedAt = ids.length
    ? await requestRerun(app, { messageIds: ids, reason: 'reprocess', requestedBy: opts.requestedBy })
    : new Date();
  return { ids, requestedAt };
}

/** Waits for the runs requested at `requestedAt` (not for one already in flight before it). */
export function waitForReprocess(
  app: AppContext,
  ids: string[],
  requestedAt: Date,
  opts: WaitOptions = {},
): Promise<Map<string, RunOutcome>> {
  return waitForRuns(app, ids, { ...opts, since: requestedAt });
}
