// The RFC 5322 bytes of an acknowledgement, built from its outbox row: threaded to the
// applicant's message (In-Reply-To, References), marked automatic (RFC 3834 Auto-Submitted,
// Microsoft's X-Auto-Response-Suppress) so their auto-responders do not answer it, with the
// row's own stable Message-ID so a retried send can be recognised by the receiving server.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { AckRow } from '../db/ack-outbox-repo.ts';

export function composeRaw(row: AckRow, fromName: string): Promise<Buffer> {
  const mail = new MailComposer({
    from: { name: fromName, address: row.fromAddress },
    to: row.toAddress ?? '',
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    messageId: `<${row.messageIdHeader}>`,
    inReplyTo: row.inReplyTo ? `<${row.inReplyTo}>` : undefined,
    references: row.references ?? undefined,
    headers: {
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      Precedence: 'auto_reply',
      'X-Intake-Reference': row.reference,
    },
    textEncoding: 'base64',
  });
  return new Promise((resolve, reject) => mail.compile().build((err, message) => (err ? reject(err) : resolve(message))));
}
