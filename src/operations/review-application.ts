// An operator's decision on an application (CLI now, the dashboard later): 待审核, 已通过,
// 退回补充 or 不予受理, with who, when and an optional comment. The row is locked while the decision
// is written, so it never interleaves with an ingest recomputing the same application (which
// locks it too); the decision is recorded as an application event.
import type { AppContext } from '../app/context.ts';
import { isReviewState, type ReviewState } from '../applications/review-states.ts';
import { withTransaction } from '../db/pool.ts';
import { recordAudit } from './audit.ts';

export type ReviewRequest = { applicationId: string; state: string; comment?: string | null; reviewedBy: string; clientIp?: string | null };

export type ReviewResult = { applicationId: string; from: ReviewState; to: ReviewState; reviewedAt: Date };

/** A request an operator can fix (unknown state, no reviewer, no such or a retired application). */
export class ReviewError extends Error {}

export async function reviewApplication(app: AppContext, req: ReviewRequest): Promise<ReviewResult> {
  const state = req.state.trim();
  if (!isReviewState(state)) throw new ReviewError(`unknown review state "${state}" (待审核, 已通过, 退回补充, 不予受理)`);
  const by = req.reviewedBy.trim();
  if (!by) throw new ReviewError('a review needs the reviewer’s name');
  if (!/^\d+$/.test(req.applicationId)) throw new ReviewError(`no application ${req.applicationId}`);
  const comment = req.comment?.trim() || null;
  const repo = app.repos.applications;
  return withTransaction(app.pool, async (tx) => {
    const [current] = await repo.lockForUpdate(tx, [req.applicationId]);
    if (!current) throw new ReviewError(`no application ${req.applicationId}`);
    // A retired application has no members any more; its decision would apply to nothing.
    if (!current.active) {
      throw new ReviewError(
        `application ${req.applicationId} no longer exists${current.mergedInto ? ` (merged into ${current.mergedInto})` : ''}`,
      );
    }
    const reviewedAt = new Date();
    await repo.setReview(tx, current.id, { state, comment, by, at: reviewedAt });
    await repo.recordEvent(tx, {
      applicationId: current.id,
      kind: 'reviewed',
      detail: { reviewState: { from: current.reviewState, to: state } },
      actor: by,
      comment,
    });
    await recordAudit(
      app,
      { name: by, ip: req.clientIp },
      { action: 'application.review', target: `application:${current.id}`, detail: { from: current.reviewState, to: state, comment } },
      tx,
    );
    return { applicationId: current.id, from: current.reviewState, to: state, reviewedAt };
  });
}
