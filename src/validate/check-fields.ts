// Field checks on the documents that were read. A document that is absent or unreadable gives
// null (cases / intro / summary_rows) and its fields are not judged: the material flag says it.
import type { Case } from '../types.ts';
import type { Finding, RuleInput } from './rule-types.ts';
import { countChars, isBlank, normalizeCategory } from './text.ts';

function caseKey(index: number, field: string): string {
  return `cases[${index + 1}].${field}`;
}

export function missingFields({ x, campaign }: RuleInput): Finding[] {
  const s = x.submission;
  if (!s) return [];
  const keys: string[] = [];
  // Unit fields come from 附件1 only: judged when 附件1 was read (cases is then an array).
  if (s.cases !== null) {
    for (const field of campaign.requiredFields.submission) if (isBlank(s[field])) keys.push(field);
    if (s.cases.length === 0) keys.push('cases');
    s.cases.forEach((c, i) => {
      for (const field of campaign.requiredFields.case) if (isBlank(c[field])) keys.push(caseKey(i, field));
    });
  }
  if (s.intro !== null) {
    for (const field of campaign.requiredFields.intro) if (isBlank(s.intro[field])) keys.push(`intro.${field}`);
  }
  if (s.summary_rows !== null && s.summary_rows.length === 0) keys.push('summary_rows');
  return keys.map((key) => ({ key }));
}

export function overLength({ x, campaign }: RuleInput): Finding[] {
  const cases = x.submission?.cases ?? [];
  const findings: Finding[] = [];
  cases.forEach((c, i) => {
    for (const [field, limit] of Object.entries(campaign.lengthLimits)) {
      const value = (c as Record<string, unknown>)[field];
      if (typeof value !== 'string') continue;
      const length = countChars(value);
      if (length > limit) findings.push({ key: caseKey(i, field), params: { length, limit } });
    }
  });
  return findings;
}

type ChoiceField = 'directions' | 'industries' | 'modalities';

function choiceFindings(c: Case, i: number, input: RuleInput): Finding[] {
  const { campaign } = input;
  const findings: Finding[] = [];
  for (const field of ['directions', 'industries', 'modalities'] as ChoiceField[]) {
    const values = c[field] ?? [];
    const required = campaign.requiredChoices.includes(field);
    if (values.length === 0) {
      if (required) findings.push({ key: caseKey(i, field), params: { problem: 'none' } });
      continue;
    }
    const outside = values.filter((v) => !campaign.options[field].includes(v));
    if (outside.length > 0) findings.push({ key: caseKey(i, field), params: { problem: 'outside', value: outside.join('、') } });
  }
  for (const field of campaign.requiredBooleans) {
    if (c[field] === null || c[field] === undefined) findings.push({ key: caseKey(i, field), params: { problem: 'boolean' } });
  }
  // An empty category is MISSING_FIELD; a written one must be one of the three categories.
  if (!isBlank(c.dataset_category)) {
    const options = campaign.options.dataset_category;
    if (!options.includes(normalizeCategory(c.dataset_category as string, options))) {
      findings.push({ key: caseKey(i, 'dataset_category'), params: { problem: 'outside', value: c.dataset_category as string } });
    }
  }
  return findings;
}

export function invalidChoices(input: RuleInput): Finding[] {
  const cases = input.x.submission?.cases ?? [];
  return cases.flatMap((c, i) => choiceFindings(c, i, input));
}
