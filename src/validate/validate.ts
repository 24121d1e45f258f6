// Runs the rules table over one extraction. A non-submission is judged no further: it carries
// exactly NOT_A_SUBMISSION, so nothing downstream mistakes it for an application.
import type { Campaign } from '../campaign/campaign.ts';
import type { Extraction, Flag } from '../types.ts';
import { NOT_A_SUBMISSION_RULE, RULES } from './rules.ts';
import type { Finding, Rule, RuleInput } from './rule-types.ts';

export type ValidateContext = { campaign: Campaign; isResubmission: boolean };

function toFlag(rule: Rule, f: Finding): Flag {
  return {
    code: f.key === undefined ? rule.code : `${rule.code}:${f.key}`,
    severity: rule.severity,
    message: rule.message(f),
  };
}

export function validateExtraction(x: Extraction, ctx: ValidateContext): Flag[] {
  if (x.notSubmissionReason !== null) return [toFlag(NOT_A_SUBMISSION_RULE, {})];
  return runRules(RULES, { x, campaign: ctx.campaign, isResubmission: ctx.isResubmission });
}

/** Runs `rules` in table order, one flag per distinct code (also used for applications). */
export function runRules(rules: readonly Rule[], input: RuleInput): Flag[] {
  const flags: Flag[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    for (const finding of rule.check(input)) {
      const flag = toFlag(rule, finding);
      if (seen.has(flag.code)) continue;
      seen.add(flag.code);
      flags.push(flag);
    }
  }
  return flags;
}
