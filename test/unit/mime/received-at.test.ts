import { describe, expect, it } from 'vitest';
import { readRawHeaders } from '../../../src/mime/raw-headers.ts';
import { parseReceivedDate, receivedAtFromHeaders } from '../../../src/mime/received-at.ts';

describe('receipt time', () => {
  it('reads the date after the last semicolon, comments removed', () => {
    const d = parseReceivedDate('from a (unknown [1.2.3.4]) by mx20 (Coremail) with SMTP id x; Fri, 24 Oct 2025 14:02:51 +0800 (CST)');
    expect(d?.toISOString()).toBe('2025-10-24T06:02:51.000Z');
  });

  it('reads a bare CST zone as China Standard Time (+08:00), not US Central', () => {
    const d = parseReceivedDate('from a by mx.qq.com with ESMTP id x; Mon, 3 Nov 2025 10:12:49 CST');
    expect(d?.toISOString()).toBe('2025-11-03T02:12:49.000Z');
    // A numeric offset decides whatever zone name follows it.
    expect(parseReceivedDate('by mx; Mon, 3 Nov 2025 10:12:49 +0800 CST')?.toISOString()).toBe('2025-11-03T02:12:49.000Z');
    expect(parseReceivedDate('by mx; Mon, 3 Nov 2025 10:12:49 +0000 (UTC)')?.toISOString()).toBe('2025-11-03T10:12:49.000Z');
    // Other named zones keep their meaning.
    expect(parseReceivedDate('by mx; Mon, 3 Nov 2025 10:12:49 GMT')?.toISOString()).toBe('2025-11-03T10:12:49.000Z');
  });

  it('uses the topmost Received header, written in UTC, and never Date:', () => {
    const raw = Buffer.from(
      [
        'Received: from mail.example.com (unknown [1.2.3.4])',
        '\tby mx28 (Coremail) with SMTP id abc;',
        '\tWed, 05 Nov 2025 16:30:00 +0000',
        'Received: from [192.168.8.208] ([1.2.3.4]) by mail.example.com; Wed, 05 Nov 2025 23:58:01 +0800',
        'Date: Wed, 5 Nov 2025 23:58:02 +0800',
        'Subject: x',
        '',
        'body',
      ].join('\r\n'),
    );
    const at = receivedAtFromHeaders(readRawHeaders(raw));
    // 16:30 UTC is 00:30 on 6 November in Shanghai: after the deadline although Date: is before it.
    expect(at?.toISOString()).toBe('2025-11-05T16:30:00.000Z');
  });

  it('is null without a dated Received header', () => {
    expect(receivedAtFromHeaders(readRawHeaders(Buffer.from('Date: Wed, 5 Nov 2025 23:58:02 +0800\r\n\r\nx')))).toBeNull();
  });
});
