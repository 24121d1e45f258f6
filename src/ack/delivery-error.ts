// What an SMTP failure means for an acknowledgement (EmailEngine's delivery-error split):
//   permanent — the recipient or the message is refused for good (5xx on RCPT/DATA): record, never retry;
//   temporary — try again later without losing the reply: 4xx, timeouts, dropped connections, and
//               NetEase's rate and quota answers, which some of its servers send with a 5xx code;
//   config    — our side is wrong (authentication refused): retrying cannot help until an operator
//               fixes SMTP_USER/SMTP_PASS, but the reply is kept (held back, not dropped).

export type DeliveryFailure = 'permanent' | 'temporary' | 'config';

/** NetEase (163/126/yeah.net) rate, quota and connection-limit codes: wait and retry. */
const NETEASE_THROTTLE = /\b(?:HL:[A-Z]{3}|RP:(?:QRC|TRC|DRC|CEL|CCL)|MI:(?:SFQ|DMC|CEL|CCL)|DT:SPM)\b/;
const QUOTA_WORDS =
  /quota exceeded for sender|too many (?:mails|messages|recipients|connections)|rate limit|try again later|限额|频率|过多/i;
const NETWORK_CODES = new Set([
  'ETIMEDOUT',
  'ECONNECTION',
  'ECONNRESET',
  'ECONNREFUSED',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export type SmtpErrorLike = { code?: string; responseCode?: number; response?: string; command?: string; message?: string };

export function classifyDeliveryError(err: SmtpErrorLike): DeliveryFailure {
  const text = `${err.response ?? ''} ${err.message ?? ''}`;
  if (err.code === 'EAUTH' || err.responseCode === 535 || err.responseCode === 534) return 'config';
  if (NETEASE_THROTTLE.test(text)) return 'temporary';
  const code = err.responseCode;
  if (code !== undefined && code >= 400 && code < 500) return 'temporary';
  if (code !== undefined && code >= 500) return QUOTA_WORDS.test(text) ? 'temporary' : 'permanent';
  // No SMTP answer at all: the connection failed or timed out before the server decided.
  if (err.code && NETWORK_CODES.has(err.code)) return 'temporary';
  // EENVELOPE without a code: nodemailer refused the address itself (syntax) — never deliverable.
  if (err.code === 'EENVELOPE') return 'permanent';
  return 'temporary';
}
