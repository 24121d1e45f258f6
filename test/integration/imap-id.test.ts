// NetEase refuses SELECT/EXAMINE ("Unsafe Login") to a client that has not sent the IMAP ID
// command. Against the real Dovecot (which logs every ID it receives, imap_id_log = *), the
// start-up check must send exactly the configured identity, and then open the folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { createLogger } from '../../src/log/logger.ts';
import { checkImapAccess } from '../../src/mailbox/imap-client.ts';
import { ensureDovecot, uniqueId, waitFor } from '../helpers/services.ts';

describe('IMAP ID', () => {
  it('sends the configured name, version, vendor and support address before opening the folder', async () => {
    const dovecot = ensureDovecot();
    const name = uniqueId('idtest');
    const imap = loadConfig({ ...dovecot, IMAP_TLS: 'false', IMAP_ID_NAME: name, IMAP_ID_VERSION: '9.8.7' }, 'poller').imap;
    const opened = await checkImapAccess(imap, createLogger({ level: 'silent' }));
    expect(opened.uidValidity).toBeGreaterThan(0n);

    const log = join(dovecot.DOVECOT_DIR, 'log/dovecot.log');
    // Before LOGIN (the imap-login process) and after it (the user's imap process), as NetEase wants.
    const lines = await waitFor(
      async () => {
        const found = readFileSync(log, 'utf8')
          .split('\n')
          .filter((l) => l.includes(`name=${name},`));
        return found.some((l) => l.includes('imap-login:')) && found.some((l) => l.includes(`imap(${dovecot.IMAP_USER})`))
          ? found
          : undefined;
      },
      10_000,
      'the ID lines in the Dovecot log',
    );
    for (const line of lines) {
      expect(line).toContain('version=9.8.7');
      expect(line).toContain('vendor=Wuhan Data Bureau dataset-case intake');
      expect(line).toContain(`support-email=${dovecot.IMAP_USER}`);
    }
  }, 60_000);
});
