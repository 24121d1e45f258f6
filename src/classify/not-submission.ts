// Emails that reach the bureau mailbox but are not applications: questions, auto-replies,
// bounces, read receipts, spam. They are stored and shown, but never judged or acknowledged
// (acknowledging an auto-reply would start a mail loop). Header evidence is decisive; subject
// wording alone is only trusted when the email carries no materials.
import type { FoundFile, ParsedEmail } from '../types.ts';

const MATERIAL_KINDS = new Set(['form1', 'form2', 'form3', 'stamped_scan', 'samples', 'archive']);
const FORM_KINDS = new Set(['form1', 'form2', 'form3', 'archive']);

const DAEMON_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const AUTO_REPLY_SUBJECT =
  /^\s*(?:自动答复|自动回复|自动应答|Automatic reply|Auto(?:matic)?[\s_-]?(?:reply|response)|Autoreply|Out of (?:the )?Office|休假|外出|不在办公室)/i;
const READ_RECEIPT_SUBJECT = /^\s*(?:已读|已阅读|Read|已读回执|Read receipt)\s*[:：]/i;
const BOUNCE_SUBJECT = /^\s*(?:Undeliver|Delivery Status Notification|Mail delivery failed|Returned mail|系统退信|退信|投递失败)/i;
const QUESTION = /咨询|请问|询问|疑问|问题|求助|能否|是否可以|[?？]/;
// For the recorded reason only: advertising also says 咨询, a question asks something.
const ASKS = /请问|能否|是否可以|[?？]/;
// Words of the call itself or of its materials. Mail with neither a form nor a download link that
// never mentions the call is spam or unrelated, even when it attaches a PDF (an invoice) or a
// spreadsheet (a price list). A unit's 补充材料 email often names only the material it carries
// (subject 盖章扫描件, body 盖章扫描件见附件): that is a submission, a member of its application.
const CALL_WORDS = /数据集|征集|盖章|签章|扫描件|补充材料|样例/;

function header(email: ParsedEmail, name: string): string {
  return (email.headers[name] ?? '').toString().trim().toLowerCase();
}

function reportReason(email: ParsedEmail): string | null {
  const contentType = header(email, 'content-type');
  if (contentType.includes('disposition-notification')) return 'read receipt (RFC 8098 disposition notification)';
  if (email.isReport || contentType.startsWith('multipart/report')) return 'delivery status report (RFC 3464 bounce)';
  if (DAEMON_SENDER.test(email.fromAddress ?? '')) return 'delivery status report (mailer-daemon sender)';
  return null;
}

function autoReplyReason(email: ParsedEmail, hasForms: boolean): string | null {
  const autoSubmitted = header(email, 'auto-submitted');
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `auto-reply (Auto-Submitted: ${autoSubmitted})`;
  if (header(email, 'x-autoreply') || header(email, 'x-autorespond')) return 'auto-reply (X-Autoreply/X-Autorespond header)';
  const precedence = header(email, 'precedence');
  if (precedence === 'auto_reply') return 'auto-reply (Precedence: auto_reply)';
  // Bulk/junk mail is a weaker hint: an email carrying the forms is still read as an application.
  if ((precedence === 'bulk' || precedence === 'junk') && !hasForms) return `bulk mail (Precedence: ${precedence})`;
  return null;
}

/** A short English reason when the email is not an application, else null. */
export function detectNotSubmission(email: ParsedEmail, files: FoundFile[], externalLinks: string[]): string | null {
  const kinds = new Set(files.map((f) => f.kind ?? 'other').filter((k) => MATERIAL_KINDS.has(k)));
  const hasForms = [...kinds].some((k) => FORM_KINDS.has(k));
  const hasMaterials = kinds.size > 0 || externalLinks.length > 0;
  const subject = email.subject ?? '';

  const report = reportReason(email);
  if (report) return report;
  const autoReply = autoReplyReason(email, hasForms);
  if (autoReply) return autoReply;

  if (!hasMaterials) {
    if (AUTO_REPLY_SUBJECT.test(subject)) return 'auto-reply (subject) without materials';
    if (READ_RECEIPT_SUBJECT.test(subject)) return 'read receipt (subject) without materials';
    if (BOUNCE_SUBJECT.test(subject)) return 'delivery failure notice (subject) without materials';
    if (ASKS.test(`${subject}\n${email.text ?? ''}`)) return 'question without application materials';
    return 'no application materials and no download link (spam or empty message)';
  }

  if (!hasForms && externalLinks.length === 0 && !CALL_WORDS.test(`${subject}\n${email.text ?? ''}`)) {
    return 'no application form, no download link and no mention of the call (spam or unrelated mail)';
  }

  // A question that happens to attach a document (the blank template, a screenshot) is still a
  // question: it asks something (in the subject, or in the body), its subject lacks the
  // `单位名称+…` plus sign of a submission subject, and at most one kind of material came with it.
  const asks = QUESTION.test(subject) || ASKS.test(email.text ?? '');
  if (asks && !/[+＋]/.test(subject) && kinds.size <= 1 && externalLinks.length === 0) {
    return 'question with an attachment but no application package';
  }
  return null;
}
