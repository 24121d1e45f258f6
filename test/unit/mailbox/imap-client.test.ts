import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { clientIdentity, explainImapError, imapOptions } from '../../../src/mailbox/imap-client.ts';
import { mailboxKey } from '../../../src/mailbox/mailbox-key.ts';

const imap = loadConfig({ IMAP_USER: 'SsjjSjzlc@163.com', IMAP_PASS: 'AUTHCODE123' }, 'poller').imap;

describe('IMAP client settings', () => {
  it('defaults to NetEase over TLS and identifies itself with IMAP ID', () => {
    const opts = imapOptions(imap, createLogger({ level: 'silent' }));
    expect(opts).toMatchObject({ host: 'imap.163.com', port: 993, secure: true });
    const id = clientIdentity(imap);
    expect(id).toEqual({
      name: 'dataset-case-intake',
      version: '0.1.0',
      vendor: 'Wuhan Data Bureau dataset-case intake',
      'support-email': 'SsjjSjzlc@163.com',
    });
    expect(opts.clientInfo).toEqual(id);
    const custom = loadConfig(
      { IMAP_USER: 'a@163.com', IMAP_PASS: 'x', IMAP_ID_NAME: 'bureau-intake', IMAP_ID_VERSION: '2.0' },
      'poller',
    ).imap;
    expect(clientIdentity(custom)).toMatchObject({ name: 'bureau-intake', version: '2.0' });
  });

  it('keys a mailbox by account and folder', () => {
    expect(mailboxKey(imap)).toBe('ssjjsjzlc@163.com/INBOX');
    expect(mailboxKey({ user: 'a@163.com', folder: 'INBOX' })).not.toBe(mailboxKey({ user: 'b@163.com', folder: 'INBOX' }));
  });
});

describe('explainImapError', () => {
  it('explains NetEase\'s "Unsafe Login" in plain words', () => {
    const err = Object.assign(new Error('Command failed'), { responseText: 'Unsafe Login. Please contact kefu@188.com for help' });
    const text = explainImapError(err, imap);
    expect(text).toMatch(/Unsafe Login/);
    expect(text).toMatch(/IMAP ID/);
    expect(text).toMatch(/授权码/);
    expect(text).not.toContain('AUTHCODE123');
  });

  it('explains a failed login without echoing the secret', () => {
    const err = Object.assign(new Error('Authentication failed'), { authenticationFailed: true });
    const text = explainImapError(err, imap);
    expect(text).toMatch(/authorization code/);
    expect(text).not.toContain('AUTHCODE123');
  });

  it('returns null for errors it cannot explain', () => {
    expect(explainImapError(new Error('something else'), imap)).toBeNull();
  });
});
