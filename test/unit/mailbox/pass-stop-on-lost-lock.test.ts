// A poller that loses its mailbox lock mid-pass stops after the message in hand, so it does not
// fetch and MOVE the UIDs its successor is working on. The IMAP client is a small fake; the pass
// and the stop check are the real ones.
import type { ImapFlow } from 'imapflow';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { passStopCheck } from '../../../src/mailbox/poller-loop.ts';
import { syncNewMessages, type SyncDeps } from '../../../src/mailbox/sync-new-messages.ts';

function fakeImap(uids: number[]) {
  const moved: number[] = [];
  const client = {
    mailbox: { uidValidity: 7n, exists: uids.length },
    async getMailboxLock() {
      return { release: () => undefined };
    },
    async search() {
      return uids;
    },
    async fetchOne(uid: string) {
      return { uid: Number(uid), source: Buffer.from(`message ${uid}`), internalDate: new Date('2025-11-01T00:00:00Z') };
    },
    async messageMove(uid: string) {
      moved.push(Number(uid));
      return true;
    },
  };
  return { client: client as unknown as ImapFlow, moved };
}

function lockThatCanBeLost() {
  let lose: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => (lose = resolve));
  return { held: { lost }, lose };
}

describe('passStopCheck', () => {
  it('stops on shutdown and on a lost lock, not before', async () => {
    const abort = new AbortController();
    const { held, lose } = lockThatCanBeLost();
    const stopping = passStopCheck(abort.signal, held);
    expect(stopping()).toBe(false);
    lose();
    await held.lost;
    expect(stopping()).toBe(true);

    const shutdown = new AbortController();
    const other = passStopCheck(shutdown.signal, lockThatCanBeLost().held);
    shutdown.abort();
    expect(other()).toBe(true);
  });
});

describe('a pass whose lock is lost', () => {
  it('finishes the message in hand, then moves and records nothing more', async () => {
    const { client, moved } = fakeImap([11, 12, 13]);
    const { held, lose } = lockThatCanBeLost();
    const cursor: number[] = [];
    const accepted: number[] = [];
    const deps: SyncDeps = {
      mailbox: 'user@example.org/INBOX',
      folder: 'INBOX',
      moveTo: 'Processed',
      logger: pino({ level: 'silent' }),
      getCursor: async () => null,
      saveCursor: async (_m, _v, uid) => void cursor.push(uid),
      accept: async (input) => {
        accepted.push(input.uid);
        // The renewal fails while the first message is being stored.
        lose();
        await held.lost;
        return { id: String(input.uid), duplicate: false };
      },
      stopping: passStopCheck(new AbortController().signal, held),
    };
    const result = await syncNewMessages(client, deps);
    expect(accepted).toEqual([11]);
    expect(moved).toEqual([11]);
    expect(cursor).toEqual([11]);
    expect(result.fetched).toBe(1);
  });
});
