// The merged record: every part comes whole from the member whose file was chosen for it, never
// field by field from several emails (a corrected 附件1 replaces the old one entirely, blanks
// included, exactly as the applicant sent it).
import { assembleSubmission } from '../forms/read-submission.ts';
import type { Submission } from '../types.ts';
import type { ApplicationMember, Materials } from './application-types.ts';

export function mergeRecord(members: readonly ApplicationMember[], materials: Materials): Submission {
  const of = (kind: 'form1' | 'form2' | 'form3'): Submission | null => {
    const id = materials[kind]?.submissionId;
    return id === undefined ? null : (members.find((m) => m.submissionId === id)?.submission ?? null);
  };
  return assembleSubmission(of('form1'), of('form2')?.intro ?? null, of('form3')?.summary_rows ?? null);
}
