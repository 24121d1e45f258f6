// Lateness is decided on instants, never on calendar dates: a receipt stamped
// "Wed, 05 Nov 2025 16:30:00 +0000" is 2025-11-06 00:30 in Shanghai, which is late.

/** The deadline is the last on-time instant (…23:59:59+08:00): late means any later instant. */
export function isLate(receivedAt: Date | null, deadline: Date): boolean {
  if (!receivedAt) return false;
  // Compare at second precision: 23:59:59.400 is still within the deadline's last second.
  return Math.floor(receivedAt.getTime() / 1000) > Math.floor(deadline.getTime() / 1000);
}

/** ISO 8601 in Asia/Shanghai, e.g. 2025-11-06T00:30:00+08:00 (China has no DST: fixed +08:00). */
export function toShanghaiIso(d: Date): string {
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** 2025年11月6日 00:30 (Asia/Shanghai), for Chinese messages; null gives 时间不详. */
export function toShanghaiText(d: Date | string | null): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  if (!date || Number.isNaN(date.getTime())) return '时间不详';
  const s = new Date(date.getTime() + 8 * 3600_000);
  const hh = String(s.getUTCHours()).padStart(2, '0');
  const mm = String(s.getUTCMinutes()).padStart(2, '0');
  return `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日 ${hh}:${mm}`;
}
