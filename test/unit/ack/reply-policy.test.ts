import { describe, expect, it } from 'vitest';
import { decideReply, firstAddress, type ReplyInput } from '../../../src/ack/reply-policy.ts';

const settings = { ownAddresses: ['ssjjsjzlc@163.com'], since: new Date('2025-10-01T00:00:00+08:00') };
const mail = (over: Partial<ReplyInput['email']> = {}, isSubmission = true): ReplyInput => ({
  isSubmission,
  email: {
    fromAddress: 'zhang@jcsz.com.cn',
    headers: {},
    subject: '武汉江城智算科技有限公司+武汉市数据集征集',
    isReport: false,
    receivedAt: new Date('2025-11-03T10:00:00+08:00'),
    ...over,
  },
});

describe('decideReply', () => {
  it('answers an ordinary submission at its sender, or at its Reply-To', () => {
    expect(decideReply(mail(), settings)).toEqual({ action: 'send', to: 'zhang@jcsz.com.cn' });
    expect(decideReply(mail({ headers: { 'reply-to': '"李四" <Li.Si@jcsz.com.cn>' } }), settings)).toEqual({
      action: 'send',
      to: 'li.si@jcsz.com.cn',
    });
  });

  it.each([
    ['not a submission', mail({}, false)],
    ['Auto-Submitted', mail({ headers: { 'auto-submitted': 'auto-replied' } })],
    ['report', mail({ isReport: true })],
    ['multipart/report', mail({ headers: { 'content-type': 'multipart/report; report-type=delivery-status' } })],
    ['X-Autoreply', mail({ headers: { 'x-autoreply': 'yes' } })],
    ['X-Auto-Response-Suppress', mail({ headers: { 'x-auto-response-suppress': 'All' } })],
    ['自动回复 subject', mail({ subject: '自动回复: 关于征集第三批行业高质量数据集应用典型案例的通知' })],
    ['List-Id', mail({ headers: { 'list-id': '<news.example.cn>' } })],
    ['Precedence bulk', mail({ headers: { precedence: 'bulk' } })],
    ['Precedence list', mail({ headers: { precedence: 'list' } })],
    ['Precedence junk', mail({ headers: { precedence: 'junk' } })],
    ['mailer-daemon', mail({ fromAddress: 'MAILER-DAEMON@m15.mail.163.com' })],
    ['postmaster', mail({ fromAddress: 'postmaster@jcsz.com.cn' })],
    ['noreply', mail({ fromAddress: 'noreply@jcsz.com.cn' })],
    ['no-reply Reply-To', mail({ headers: { 'reply-to': 'no-reply@jcsz.com.cn' } })],
    ["the bureau's own address", mail({ fromAddress: 'SSJJSJZLC@163.com' })],
    ['an invalid From', mail({ fromAddress: 'not an address' })],
    ['a missing From', mail({ fromAddress: null })],
    ['an invalid Reply-To (never replaced by From)', mail({ headers: { 'reply-to': 'undisclosed-recipients:;' } })],
  ])('never replies to %s', (_name, input) => {
    expect(decideReply(input, settings).action).toBe('suppress');
  });

  it('holds mail received before ACK_SINCE (and mail without a receipt time) for an operator', () => {
    expect(decideReply(mail({ receivedAt: new Date('2025-09-30T12:00:00+08:00') }), settings)).toMatchObject({
      action: 'hold',
      to: 'zhang@jcsz.com.cn',
    });
    expect(decideReply(mail({ receivedAt: null }), settings).action).toBe('hold');
    expect(decideReply(mail({ receivedAt: new Date('2025-09-30T12:00:00+08:00') }), { ...settings, since: null }).action).toBe('send');
  });

  it('does not take "no" for automatic', () => {
    expect(decideReply(mail({ headers: { 'auto-submitted': 'no' } }), settings).action).toBe('send');
  });
});

describe('firstAddress', () => {
  it('reads bracketed and bare addresses, lower-cased, and rejects junk', () => {
    expect(firstAddress('"张 三" <Zhang@Example.CN>')).toBe('zhang@example.cn');
    expect(firstAddress('a@b.cn, c@d.cn')).toBe('a@b.cn');
    expect(firstAddress('mailto:a@b.cn')).toBe('a@b.cn');
    expect(firstAddress('<script>@x')).toBeNull();
    expect(firstAddress('a@localhost')).toBeNull();
    expect(firstAddress('')).toBeNull();
  });
});
