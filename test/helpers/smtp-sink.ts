// A real SMTP server on loopback (the smtp-server package) that keeps every message it accepts,
// for the acknowledgement tests. `onRcpt` may refuse a recipient (e.g. 451 the first time);
// `onConnect` may refuse a whole connection with its greeting (421: a server refusing for a while);
// `dataDelayMs` holds the answer to DATA, to kill a mailer while a send is in flight.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = { from: string; to: string[]; raw: Buffer; mail: ParsedMail };

export type SmtpSink = {
  port: number;
  received: Received[];
  /** Recipients seen in RCPT TO, accepted or not. */
  attempted: string[];
  dataStarted: number;
  /** Usernames that logged in. */
  logins: string[];
  /** Connections refused by onConnect. */
  refused: number;
  set(opts: {
    onRcpt?: (address: string) => { code: number; message: string } | null;
    onConnect?: () => { code: number; message: string } | null;
    dataDelayMs?: number;
  }): void;
  close(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  let onRcpt: ((address: string) => { code: number; message: string } | null) | undefined;
  let onConnect: (() => { code: number; message: string } | null) | undefined;
  let dataDelayMs = 0;
  const sink: SmtpSink = {
    port: 0,
    received: [],
    attempted: [],
    dataStarted: 0,
    logins: [],
    refused: 0,
    set(opts) {
      onRcpt = opts.onRcpt;
      onConnect = opts.onConnect;
      dataDelayMs = opts.dataDelayMs ?? 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      const refusal = onConnect?.();
      if (!refusal) return callback();
      sink.refused++;
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onAuth(auth, _session, callback) {
      sink.logins.push(auth.username ?? '');
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      sink.attempted.push(address.address.toLowerCase());
      const refusal = onRcpt?.(address.address.toLowerCase());
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, session, callback) {
      sink.dataStarted++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        sink.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
          mail: await simpleParser(raw),
        });
        setTimeout(() => callback(), dataDelayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as { port: number }).port;
  return sink;
}

/** Settings for ACK_MODE=send to a loopback smtp-sink, with no cap getting in the way. */
export const sendAcksTo = (sink: SmtpSink): Record<string, string> => ({
  ACK_MODE: 'send',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(sink.port),
  SMTP_TLS: 'false',
  ACK_FROM: 'ssjjsjzlc@163.com',
  ACK_SINCE: '2025-01-01T00:00:00+08:00',
  ACK_PER_RECIPIENT_DAILY: '1000',
  ACK_RATE_PER_MINUTE: '10000',
});
