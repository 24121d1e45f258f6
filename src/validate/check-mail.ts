// Checks on the email as a whole: when it came, how it is titled, how materials were delivered,
// and whether it replaces an earlier version.
import { isLate, toShanghaiIso } from '../campaign/deadline.ts';
import type { Finding, RuleInput } from './rule-types.ts';
import { isConformingSubject } from './subject.ts';

/** Judged on this email's own receipt time (see docs/validation-rules.md for corrections). */
export function late({ x, campaign }: RuleInput): Finding[] {
  const received = x.email.receivedAt;
  if (!received || !isLate(received, campaign.deadline)) return [];
  return [{ params: { received: toShanghaiIso(received), deadline: toShanghaiIso(campaign.deadline) } }];
}

export function subjectFormat({ x, campaign }: RuleInput): Finding[] {
  if (isConformingSubject(x.email.subject ?? '', campaign.subjectSuffix)) return [];
  return [{ params: { subject: (x.email.subject ?? '').trim() || '（无主题）', suffix: campaign.subjectSuffix } }];
}

export function externalLink({ x }: RuleInput): Finding[] {
  return x.externalLinks.length > 0 ? [{ params: { count: x.externalLinks.length, links: x.externalLinks.join(' ') } }] : [];
}

export function resubmission({ isResubmission }: RuleInput): Finding[] {
  return isResubmission ? [{}] : [];
}
