// Checks on the stamped scan as read (src/scan/): a seal on it, and whose code it carries.
import type { Finding, RuleInput } from './rule-types.ts';
import { isValidUscc, normalizeUscc } from './uscc.ts';

/** Some page was judged and none shows a seal; greyscale scans alone (seal null) are not judged. */
export function sealMissing({ x }: RuleInput): Finding[] {
  return x.scan?.seal === false ? [{ params: { pages: x.scan.pages } }] : [];
}

/** The scan's valid code differs from 附件1's valid code; without both there is nothing to compare. */
export function scanMismatch({ x }: RuleInput): Finding[] {
  const scanCode = x.scan?.uscc;
  const formCode = x.submission?.uscc;
  if (!scanCode || !formCode || !isValidUscc(formCode)) return [];
  if (normalizeUscc(scanCode) === normalizeUscc(formCode)) return [];
  return [{ params: { scan: normalizeUscc(scanCode), form: normalizeUscc(formCode) } }];
}
