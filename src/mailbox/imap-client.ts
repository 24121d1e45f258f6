// One IMAP connection: settings, the IMAP ID identity, connect and the start-up check.
// A fresh ImapFlow is built per connection attempt: imapflow refuses to reuse a closed client.
import { readFileSync } from 'node:fs';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';

export type ImapSettings = Config['imap'];

/**
 * Sent with the IMAP ID command (RFC 2971). NetEase (163/126/yeah.net) answers SELECT/EXAMINE
 * with "NO Unsafe Login" for clients that do not identify themselves; imapflow sends ID before
 * and after LOGIN whenever the server advertises the ID capability.
 */
export function clientIdentity(imap: ImapSettings): Record<string, string> {
  return {
    name: imap.idName,
    version: imap.idVersion,
    vendor: 'Wuhan Data Bureau dataset-case intake',
    'support-email': imap.user || 'intake@localhost',
  };
}

export function imapOptions(imap: ImapSettings, logger: Logger): ImapFlowOptions {
  // imapflow logs every command at info level: keep it at warn or above unless debugging.
  const level = logger.levelVal >= logger.levels.values.warn || ['debug', 'trace'].includes(logger.level) ? logger.level : 'warn';
  return {
    host: imap.host,
    port: imap.port,
    secure: imap.tls,
    auth: { user: imap.user, pass: imap.pass },
    clientInfo: clientIdentity(imap),
    tls: imap.tlsCa ? { ca: [readFileSync(imap.tlsCa)], servername: imap.host } : undefined,
    logger: logger.child({ lib: 'imapflow' }, { level }),
    // IDLE starts one second after the last command, so a new message is noticed within about
    // a second of each sync; the periodic UID SEARCH still runs because IDLE can die silently.
    autoIdleDelay: 1000,
    // Restart IDLE before typical NAT / server idle timeouts (NetEase drops long IDLEs).
    maxIdleTime: 4 * 60_000,
    disableCompression: false,
  };
}

export function createImapClient(imap: ImapSettings, logger: Logger): ImapFlow {
  return new ImapFlow(imapOptions(imap, logger));
}

/** The reply text of a failed IMAP command (imapflow puts it on `responseText`). */
export function imapErrorText(err: unknown): string {
  const e = err as { responseText?: string; message?: string } | null;
  return String(e?.responseText || e?.message || err);
}

/** Turns the errors an operator can fix into one plain sentence; null for anything else. */
export function explainImapError(err: unknown, imap: ImapSettings): string | null {
  const text = imapErrorText(err);
  const e = err as { authenticationFailed?: boolean; code?: string } | null;
  if (/unsafe login/i.test(text)) {
    return (
      `The server (${imap.host}) refused to open "${imap.folder}" with "Unsafe Login": NetEase requires the IMAP ID command ` +
      'and an authorization code (授权码). Check that IMAP/SMTP is enabled in the 163 mailbox settings, that IMAP_PASS is the ' +
      'authorization code rather than the web password, and that the client identity (IMAP_ID_NAME/IMAP_ID_VERSION) is set.'
    );
  }
  if (e?.authenticationFailed) {
    return `Login to ${imap.host}:${imap.port} as ${imap.user} failed: for 163.com IMAP_PASS must be the authorization code (授权码), not the web password.`;
  }
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === 'CONNECT_TIMEOUT' || e?.code === 'ETIMEDOUT') {
    return `Cannot reach ${imap.host}:${imap.port} (${e.code}); check IMAP_HOST, IMAP_PORT and IMAP_TLS.`;
  }
  return null;
}

/**
 * Start-up check: connect, identify, open the folder read-only, log out. Throws an Error whose
 * message says in plain words what to fix (Unsafe Login, wrong 授权码, unreachable host).
 */
export async function checkImapAccess(imap: ImapSettings, logger: Logger): Promise<{ uidValidity: bigint; exists: number }> {
  const client = createImapClient(imap, logger);
  client.on('error', () => undefined); // surfaced through the awaited calls below
  try {
    await client.connect();
    const box = await client.mailboxOpen(imap.folder, { readOnly: true });
    return { uidValidity: BigInt(box.uidValidity), exists: box.exists };
  } catch (err) {
    const plain = explainImapError(err, imap);
    throw new Error(plain ?? `IMAP check failed: ${imapErrorText(err)}`, { cause: err });
  } finally {
    await client.logout().catch(() => client.close());
  }
}
