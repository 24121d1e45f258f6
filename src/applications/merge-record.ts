// The merged record: every part comes whole from the member whose file was chosen for it, never
// field by field from several emails (a corrected 附件1 replaces the old one entirely, blanks
// included, exactly as the applicant sent it).
import type { Submission } from '../types.ts';
import type { ApplicationMember, Materials } from './application-types.ts';

export function mergeRecord(members: readonly ApplicationMember[], materials: Materials): Submission {
  const of = (kind: 'form1' | 'form2' | 'form3'): Submission | null => {
    const id = materials[kind]?.submissionId;
    return id === undefined ? null : (members.find((m) => m.submissionId === id)?.submission ?? null);
  };
  const form1 = of('form1');
  const form2 = of('form2');
  const form3 = of('form3');
  return {
    unit_name: form1?.unit_name ?? null,
    uscc: form1?.uscc ?? null,
    unit_address: form1?.unit_address ?? null,
    contact_name: form1?.contact_name ?? null,
    contact_title: form1?.contact_title ?? null,
    contact_phone: form1?.contact_phone ?? null,
    declared_date: form1?.declared_date ?? null,
    cases: form1?.cases ?? null,
    intro: form2?.intro ?? null,
    summary_rows: form3?.summary_rows ?? null,
  };
}
