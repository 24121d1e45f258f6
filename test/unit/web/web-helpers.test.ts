import { describe, expect, it } from 'vitest';
import { applicationQueryString, parseApplicationQuery } from '../../../src/web/application-query.ts';
import { safeNext } from '../../../src/web/auth/require-login.ts';
import { looksLikeToken, newSessionToken } from '../../../src/web/auth/session-token.ts';
import { contentDisposition } from '../../../src/web/download.ts';
import { judgementLabel } from '../../../src/web/views/labels.ts';
import { createRenderer, shanghaiTime } from '../../../src/web/views/render.ts';

describe('web helpers', () => {
  it('follows only same-site paths after login', () => {
    expect(safeNext('/applications?late=yes')).toBe('/applications?late=yes');
    for (const evil of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', undefined, 42])
      expect(safeNext(evil)).toBe('/');
  });

  it('makes session tokens the cookie check accepts, and rejects anything else', () => {
    expect(looksLikeToken(newSessionToken())).toBe(true);
    expect(looksLikeToken("x' OR 1=1 --")).toBe(false);
    expect(looksLikeToken(undefined)).toBe(false);
  });

  it('sends untrusted file names as attachments, without header injection', () => {
    const h = contentDisposition('附件1：基本信息"\r\nSet-Cookie: a=b.docx');
    expect(h.startsWith('attachment; filename="')).toBe(true);
    expect(h).not.toMatch(/[\r\n]/);
    expect(h).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(h.split("UTF-8''")[1]!)).toBe('附件1：基本信息___Set-Cookie: a=b.docx');
  });

  it('reads the list query strictly: unknown values are dropped', () => {
    const q = parseApplicationQuery({
      q: ' 光谷 ',
      late: 'yes',
      complete: 'maybe',
      review: '已通过',
      sort: 'DROP TABLE',
      page: '-3',
      industry: '工业制造',
    });
    expect(q).toEqual({ filter: { q: '光谷', late: 'yes', review: '已通过', industry: '工业制造' }, sort: 'received_desc', page: 1 });
    expect(parseApplicationQuery({ review: '随便' }).filter).toEqual({});
    expect(applicationQueryString({ ...q, page: 2 })).toBe(
      `?q=${encodeURIComponent('光谷')}&late=yes&review=${encodeURIComponent('已通过')}&industry=${encodeURIComponent('工业制造')}&page=2`,
    );
  });

  it('names the judgement of an email in Chinese', () => {
    expect(judgementLabel(true, null)).toBe('申报材料');
    expect(judgementLabel(false, 'question without application materials')).toBe('咨询');
    expect(judgementLabel(false, 'delivery status report (RFC 3464 bounce)')).toBe('退信');
    expect(judgementLabel(false, 'auto-reply (subject) without materials')).toBe('自动回复');
    expect(judgementLabel(null, null)).toBe('待处理');
  });

  it('shows times in Beijing time', () => {
    expect(shanghaiTime(new Date('2025-11-05T16:00:00Z'))).toBe('2025-11-06 00:00');
    expect(shanghaiTime(null)).toBe('');
  });

  it('escapes email content in every page template', () => {
    const r = createRenderer();
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const html = r.render('messages', {
      title: evil,
      user: { name: evil, role: 'reviewer', isAdmin: false },
      csrfToken: 't',
      rows: [
        {
          id: '1',
          subject: evil,
          senderName: evil,
          senderAddress: evil,
          isSubmission: false,
          notSubmissionReason: evil,
          status: 'done',
          attachments: 0,
        },
      ],
      kinds: [],
      q: evil,
      total: 1,
      page: 1,
      pages: 1,
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
