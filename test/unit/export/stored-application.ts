// StoredApplication fixtures for the export tests: a complete application whose record each test
// changes in the one place it is about.
import type { StoredApplication } from '../../../src/db/applications-repo.ts';
import { INITIAL_REVIEW_STATE } from '../../../src/applications/review-states.ts';
import type { Submission } from '../../../src/types.ts';
import { makeSubmission } from '../validate/make-extraction.ts';

export function storedApplication(id: string, record: Partial<Submission> = {}, unitName?: string | null): StoredApplication {
  const submission = makeSubmission(record);
  const at = new Date('2025-10-31T02:00:00Z');
  return {
    id,
    unitName: unitName === undefined ? submission.unit_name : unitName,
    uscc: submission.uscc,
    unitKeys: [],
    firstReceivedAt: at,
    lastReceivedAt: at,
    members: [],
    materials: { form1: null, form2: null, form3: null, stamped_scan: null, samples: null },
    record: submission,
    flags: [],
    flagDetails: [],
    complete: true,
    completeOnTime: true,
    late: false,
    active: true,
    mergedInto: null,
    reviewState: INITIAL_REVIEW_STATE,
    reviewComment: null,
    reviewedBy: null,
    reviewedAt: null,
    createdAt: at,
    updatedAt: at,
  };
}
