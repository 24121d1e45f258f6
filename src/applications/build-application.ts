// One group of members -> the application: materials, merged record, flags, completeness.
// Recomputed from the members every time, never patched, so the result depends only on the set
// of members, not on the order in which they were processed.
import type { Campaign } from '../campaign/campaign.ts';
import type { Submission } from '../types.ts';
import { isBlank } from '../validate/text.ts';
import { subjectUnitPart } from '../validate/subject.ts';
import { compareChainOrder } from '../versions/version-chain.ts';
import { applicationFlags, isComplete } from './application-flags.ts';
import type { Application, ApplicationMember } from './application-types.ts';
import { chooseMaterials } from './choose-materials.ts';
import { mergeRecord } from './merge-record.ts';

/**
 * unit_name when no 附件1 was chosen: the unit part of the latest conforming subject (the unit
 * names itself there, as the notice asks), else the 申报单位 column of the chosen 附件3.
 */
function fallbackUnitName(members: readonly ApplicationMember[], record: Submission, suffix: string): string | null {
  for (let i = members.length - 1; i >= 0; i--) {
    const unit = subjectUnitPart(members[i].subject ?? '', suffix);
    if (unit) return unit;
  }
  const fromRows = (record.summary_rows ?? []).map((r) => r.unit_name).find((n) => !isBlank(n));
  return fromRows?.trim() ?? null;
}

function judge(members: readonly ApplicationMember[], campaign: Campaign) {
  const materials = chooseMaterials(members);
  const record = mergeRecord(members, materials);
  const flags = applicationFlags(record, materials, campaign);
  return { materials, record, flags, complete: isComplete(flags) };
}

export function buildApplication(group: readonly ApplicationMember[], campaign: Campaign): Application {
  const members = [...group].sort(compareChainOrder);
  const { materials, record, flags, complete } = judge(members, campaign);
  // What the bureau held at the deadline: the on-time members alone, judged the same way.
  const onTime = members.filter((m) => !m.late);
  const completeOnTime = onTime.length > 0 && judge(onTime, campaign).complete;
  return {
    unitName: isBlank(record.unit_name) ? fallbackUnitName(members, record, campaign.subjectSuffix) : (record.unit_name as string).trim(),
    uscc: isBlank(record.uscc) ? null : (record.uscc as string).trim(),
    members,
    materials,
    record,
    flags,
    complete,
    completeOnTime,
  };
}
