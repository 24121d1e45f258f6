import type { Campaign } from '../campaign/campaign.ts';
import type { Extraction, Severity } from '../types.ts';

/** Everything a rule may look at: the extraction, the call's parameters, the version history. */
export type RuleInput = { x: Extraction; campaign: Campaign; isResubmission: boolean };

/**
 * One problem found by a rule. `key` completes the code (`MISSING_FIELD` + `cases[1].overview`);
 * `params` fill the Chinese message.
 */
export type Finding = { key?: string; params?: Record<string, string | number> };

export type Rule = {
  /** Code, or code prefix when findings carry a key (`MISSING_FIELD:<key>`). */
  code: string;
  severity: Severity;
  /** What of the campaign configuration drives the rule (documentation only). */
  parameter: string;
  /** Chinese message for operators and applicants. */
  message: (f: Finding) => string;
  /** Pure: no I/O, no clock, no randomness. */
  check: (input: RuleInput) => Finding[];
};
