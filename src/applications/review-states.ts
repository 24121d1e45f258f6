// The operators' decision on an application. It is theirs: recomputing the application (a new
// member, reprocessing, re-judging) never changes it, with one exception: an application sent
// back for more material (退回补充) that receives a new member goes back to 待审核, because the
// unit answered and someone must look again. 已通过 and 不予受理 stay as decided; the event of the
// change still names the new member, so the operator sees it.
export const REVIEW_STATES = ['待审核', '已通过', '退回补充', '不予受理'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const INITIAL_REVIEW_STATE: ReviewState = '待审核';

export function isReviewState(value: string): value is ReviewState {
  return (REVIEW_STATES as readonly string[]).includes(value);
}

export function stateAfterRecompute(state: ReviewState, membersAdded: number): ReviewState {
  return state === '退回补充' && membersAdded > 0 ? '待审核' : state;
}
