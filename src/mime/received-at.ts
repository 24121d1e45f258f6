// Receipt time of a message read from a file: the date stamped by the topmost Received: header
// (our own MX), never the sender's Date: header, which is the sender's clock and time zone.
import type { RawHeader } from './raw-headers.ts';

/** The date after the last ';' of a Received: value, comments such as "(CST)" removed. */
export function parseReceivedDate(value: string): Date | null {
  const semi = value.lastIndexOf(';');
  if (semi === -1) return null;
  const text = value.slice(semi + 1).replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * The topmost Received: header that carries a date. Lower ones are only a fallback for a
 * malformed top header; null when none has a date.
 */
export function receivedAtFromHeaders(headers: RawHeader[]): Date | null {
  for (const h of headers) {
    if (h.name !== 'received') continue;
    const date = parseReceivedDate(h.value);
    if (date) return date;
  }
  return null;
}
