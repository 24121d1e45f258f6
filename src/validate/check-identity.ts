// The applicant's identity fields: 统一社会信用代码 and the contact number.
import type { Finding, RuleInput } from './rule-types.ts';
import { isValidPhoneField } from './phone.ts';
import { isBlank } from './text.ts';
import { isValidUscc, usccDivision } from './uscc.ts';

export function invalidUscc({ x }: RuleInput): Finding[] {
  const code = x.submission?.uscc;
  if (isBlank(code)) return [];
  return isValidUscc(code as string) ? [] : [{ params: { code: (code as string).trim() } }];
}

/** Only for valid codes: a wrong code says nothing reliable about where the unit is registered. */
export function nonLocalUscc({ x, campaign }: RuleInput): Finding[] {
  const code = x.submission?.uscc;
  if (isBlank(code) || !isValidUscc(code as string)) return [];
  const division = usccDivision(code as string);
  if (campaign.regionPrefixes.some((prefix) => division.startsWith(prefix))) return [];
  return [{ params: { code: (code as string).trim(), division } }];
}

/** An empty number is MISSING_FIELD:contact_phone, not this. */
export function invalidPhone({ x }: RuleInput): Finding[] {
  const phone = x.submission?.contact_phone;
  if (isBlank(phone)) return [];
  return isValidPhoneField(phone as string) ? [] : [{ params: { phone: (phone as string).trim() } }];
}
