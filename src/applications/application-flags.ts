// The application's flags: the field and material rules of the rules table (src/validate/rules.ts)
// run on the merged record, so a rule changed for emails changes for applications too. The
// per-email codes (subject, resubmission, links, scans, unreadable files) say how one email was
// sent, not what the unit holds, and are left out.
import { toShanghaiText } from '../campaign/deadline.ts';
import type { Campaign } from '../campaign/campaign.ts';
import type { Extraction, FoundFile, Flag, Submission } from '../types.ts';
import { MATERIAL_LABELS } from '../validate/labels.ts';
import type { Finding, Rule } from '../validate/rule-types.ts';
import { RULES } from '../validate/rules.ts';
import { runRules } from '../validate/validate.ts';
import { APPLICATION_KINDS, type Materials } from './application-types.ts';

export const APPLICATION_FLAG_CODES: ReadonlySet<string> = new Set([
  'LATE',
  'MISSING_ATTACHMENT',
  'MISSING_FIELD',
  'INVALID_USCC',
  'NON_WUHAN_USCC',
  'INVALID_PHONE',
  'OVER_LENGTH',
  'INVALID_CHOICE',
  'INCONSISTENT',
]);

const p = (f: Finding, name: string): string => String(f.params?.[name] ?? '');

// The table's messages speak of "this email"; an application's speak of what the unit sent.
const MESSAGES: Record<string, (f: Finding) => string> = {
  LATE: (f) =>
    `贵单位的申报材料中最晚的一份于${toShanghaiText(p(f, 'received'))}（北京时间）收到，晚于征集截止时间${toShanghaiText(p(f, 'deadline'))}。`,
  MISSING_ATTACHMENT: (f) => `该单位发送的邮件中均没有可读取的${MATERIAL_LABELS[p(f, 'kind')] ?? p(f, 'kind')}，请补充发送。`,
};

const APPLICATION_RULES: readonly Rule[] = RULES.filter((r) => APPLICATION_FLAG_CODES.has(r.code)).map((r) => ({
  ...r,
  message: MESSAGES[r.code] ?? r.message,
}));

/**
 * The rules read an Extraction; the application is presented as one: its chosen files (all
 * readable, so a kind is missing exactly when nothing was chosen) and the merged record. Its
 * receipt time is that of the latest chosen material, so the LATE rule fires exactly when some
 * chosen material arrived after the deadline.
 */
function asExtraction(record: Submission, materials: Materials): Extraction {
  const chosen = APPLICATION_KINDS.flatMap((k) => (materials[k] ? [materials[k]] : []));
  const times = chosen.flatMap((m) => (m.receivedAt ? [m.receivedAt.getTime()] : []));
  const files: FoundFile[] = chosen.map((m) => ({
    filename: m.filename,
    contentType: '',
    content: Buffer.alloc(0),
    size: 0,
    sha256: '',
    parentIndex: null,
    depth: 0,
    kind: m.kind,
    readable: true,
  }));
  return {
    email: {
      messageId: null,
      subject: '',
      fromAddress: null,
      fromName: null,
      sentAt: null,
      receivedAt: times.length > 0 ? new Date(Math.max(...times)) : null,
      headers: {},
      text: '',
      html: '',
      attachments: [],
      isReport: false,
    },
    files,
    submission: record,
    externalLinks: [],
    notSubmissionReason: null,
  };
}

export function applicationFlags(record: Submission, materials: Materials, campaign: Campaign): Flag[] {
  return runRules(APPLICATION_RULES, { x: asExtraction(record, materials), campaign, isResubmission: false });
}

/** Complete: every material came readable and no required field is empty. */
export function isComplete(flags: readonly Flag[]): boolean {
  return !flags.some((f) => f.code.startsWith('MISSING_ATTACHMENT:') || f.code.startsWith('MISSING_FIELD:'));
}
