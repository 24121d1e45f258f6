// Receipt time of a message read from a file: the date stamped by the topmost Received: header
// (our own MX), never the sender's Date: header, which is the sender's clock and time zone.
import type { RawHeader } from './raw-headers.ts';

/** The date after the last ';' of a Received: value, comments such as "(CST)" removed. */
export function parseReceivedDate(value: string): Date | null {
  const semi = value.lastIndexOf(';');
  if (semi === -1) return null;
  let text = value
    .slice(semi + 1)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return null;
  const numericZone = /\s[+-]\d{4}(\s|$)/.test(text);
  // A Chinese MTA's bare "CST" is China Standard Time; Date.parse would read US Central (-06:00).
  // With a numeric offset present, the offset decides and a trailing zone name is dropped.
  text = numericZone ? text.replace(/\s+[A-Z]{2,5}$/, '') : text.replace(/\bCST$/, '+0800');
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
