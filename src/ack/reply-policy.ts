// Whom an acknowledgement may go to, and whether now. Pure: decided once, in the transaction
// that records the submission, and stored with the outbox row so an operator sees why a reply
// was not sent. Replying to the wrong mail starts loops (two auto-responders answering each
// other) or writes to strangers, so every doubt means "suppress": a missing acknowledgement is
// an inconvenience, a mail loop from a government mailbox is an incident (RFC 3834 §2).
import type { ParsedEmail } from '../types.ts';

export type ReplyDecision =
  | { action: 'send'; to: string }
  | { action: 'hold'; to: string; reason: string }
  | { action: 'suppress'; to: string | null; reason: string };

export type ReplyPolicySettings = {
  /** The bureau's own addresses (the mailbox, ACK_FROM): never written to. */
  ownAddresses: string[];
  /** Mail received before this waits as `held` until an operator releases it (ACK_SINCE). */
  since: Date | null;
};

export type ReplyInput = {
  email: Pick<ParsedEmail, 'fromAddress' | 'headers' | 'subject' | 'isReport' | 'receivedAt'>;
  isSubmission: boolean;
};

// Deliberately strict: a reply goes only to an ordinary mailbox address.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const ROBOT_LOCAL_PART =
  /^(?:mailer-daemon|mailerdaemon|mail-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|noreply-.*|bounces?(?:[+-].*)?|auto-?reply|autoresponder)$/i;
const AUTO_REPLY_SUBJECT =
  /^\s*(?:自动回复|自动答复|自动应答|Automatic reply|Auto(?:matic)?[\s_-]?(?:reply|response)|Autoreply|Out of (?:the )?Office)/i;

const header = (email: ReplyInput['email'], name: string) => (email.headers[name] ?? '').toString().trim();

/** The first address of a header value like `"张三" <a@b.cn>, c@d.cn`; null when none is valid. */
export function firstAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const candidates = bracketed.length > 0 ? bracketed : value.split(/[,;\s]+/);
  const found = candidates.map((c) => c.trim().replace(/^mailto:/i, '')).find((c) => ADDRESS.test(c));
  return found ? found.toLowerCase() : null;
}

export function decideReply(input: ReplyInput, settings: ReplyPolicySettings): ReplyDecision {
  const { email } = input;
  const replyToHeader = header(email, 'reply-to');
  // RFC 5322: answers go to Reply-To when present. One that holds no valid address is not
  // silently replaced by From: the sender asked for replies elsewhere.
  const to = replyToHeader ? firstAddress(replyToHeader) : firstAddress(email.fromAddress);
  const suppress = (reason: string): ReplyDecision => ({ action: 'suppress', to, reason });

  if (!input.isSubmission) return suppress('not a submission');
  const autoSubmitted = header(email, 'auto-submitted').toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return suppress(`automatic mail (Auto-Submitted: ${autoSubmitted})`);
  if (email.isReport || header(email, 'content-type').toLowerCase().startsWith('multipart/report'))
    return suppress('delivery or read report');
  if (header(email, 'x-autoreply') || header(email, 'x-autorespond')) return suppress('automatic reply (X-Autoreply)');
  if (header(email, 'x-auto-response-suppress')) return suppress('the sender asked for no automatic replies (X-Auto-Response-Suppress)');
  if (AUTO_REPLY_SUBJECT.test(email.subject ?? '')) return suppress('automatic reply (subject)');
  if (header(email, 'list-id') || header(email, 'list-unsubscribe')) return suppress('mailing list (List-Id)');
  const precedence = header(email, 'precedence').toLowerCase();
  if (['bulk', 'list', 'junk', 'auto_reply'].includes(precedence)) return suppress(`bulk mail (Precedence: ${precedence})`);
  if (!to) return suppress(replyToHeader ? 'Reply-To holds no valid address' : 'no valid sender address');
  const sender = firstAddress(email.fromAddress);
  for (const address of [to, sender]) {
    if (address && ROBOT_LOCAL_PART.test(address.split('@')[0]!)) return suppress(`automated sender (${address})`);
  }
  const own = new Set(settings.ownAddresses.map((a) => a.trim().toLowerCase()));
  if (own.has(to) || (sender && own.has(sender))) return suppress("the bureau's own address");
  if (settings.since && (!email.receivedAt || email.receivedAt < settings.since)) {
    return { action: 'hold', to, reason: 'received before acknowledgements were enabled (ACK_SINCE)' };
  }
  return { action: 'send', to };
}
