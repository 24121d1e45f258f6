// service_settings: facts that must outlive a restart, e.g. when acknowledgements were first
// enabled (the default ACK_SINCE), so that turning the service on over a mailbox that already
// holds weeks of mail does not write to every applicant at once.
import type { Queryable } from './pool.ts';

export type SettingsRepo = {
  /** The stored value, or `value` stored now if none was (first writer wins, atomically). */
  getOrSet(db: Queryable, key: string, value: string): Promise<string>;
};

export function createSettingsRepo(): SettingsRepo {
  return {
    async getOrSet(db, key, value) {
      await db.query('INSERT INTO service_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
      const { rows } = await db.query<{ value: string }>('SELECT value FROM service_settings WHERE key = $1', [key]);
      return rows[0]!.value;
    },
  };
}
