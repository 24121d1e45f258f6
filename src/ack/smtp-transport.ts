// The one way mail leaves the service: a nodemailer SMTP transport from the validated config
// (NetEase: smtp.163.com:465 over TLS, the mailbox's 授权码). One per process, pooled, closed on
// shutdown. Sends the exact bytes built by compose-raw.ts, so the copy saved to the Sent folder
// is the message the applicant received.
import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AckConfig } from '../config/env.ts';

export type SmtpSender = {
  send(envelope: { from: string; to: string }, raw: Buffer): Promise<{ response: string }>;
  close(): void;
};

export function createSmtpSender(ack: AckConfig): SmtpSender {
  const { smtp } = ack;
  const transport: Transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
    tls: smtp.tlsCa ? { ca: [readFileSync(smtp.tlsCa)], servername: smtp.host } : undefined,
    pool: true,
    maxConnections: 1,
    // Bounded: a hung server must not hold the job past its lock (ACK_LOCK_DURATION_MS).
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    async send(envelope, raw) {
      const info = await transport.sendMail({ envelope, raw });
      return { response: String(info.response ?? '') };
    },
    close: () => transport.close(),
  };
}
