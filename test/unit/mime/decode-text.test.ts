import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHeaderValue, decodeUnlabelled, normalizeCharset, repairLatin1Mojibake } from '../../../src/mime/decode-text.ts';

const gbk = (s: string) => iconv.encode(s, 'gbk');

describe('header and name decoding', () => {
  it('decodes GB2312 and GBK labels as GB18030', () => {
    expect(normalizeCharset('GB2312')).toBe('gb18030');
    expect(normalizeCharset('x-gbk')).toBe('gb18030');
    // 堃 is outside GB2312 but Outlook still labels such text gb2312.
    const word = `=?gb2312?B?${gbk('王堃').toString('base64')}?=`;
    expect(decodeHeaderValue(word)).toBe('王堃');
  });

  it('joins adjacent encoded words before decoding (split multi-byte characters)', () => {
    const bytes = gbk('附件1基本信息');
    const a = bytes.subarray(0, 3).toString('base64');
    const b = bytes.subarray(3).toString('base64');
    expect(decodeHeaderValue(`=?GBK?B?${a}?= =?GBK?B?${b}?=.docx`)).toBe('附件1基本信息.docx');
  });

  it('decodes Q-encoding', () => {
    const q = [...gbk('汇总表')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    expect(decodeHeaderValue(`=?gb2312?Q?${q}?=`)).toBe('汇总表');
  });

  it('recovers raw 8-bit GBK bytes read as latin1', () => {
    const mojibake = gbk('附件3汇总表.xlsx').toString('latin1');
    expect(repairLatin1Mojibake(mojibake)).toBe('附件3汇总表.xlsx');
    expect(decodeHeaderValue(mojibake)).toBe('附件3汇总表.xlsx');
  });

  it('recovers raw 8-bit UTF-8 bytes read as latin1', () => {
    expect(repairLatin1Mojibake(Buffer.from('样例.zip', 'utf8').toString('latin1'))).toBe('样例.zip');
  });

  it('keeps text it cannot place', () => {
    expect(repairLatin1Mojibake('café.docx')).toBe('café.docx');
    expect(repairLatin1Mojibake('附件1.docx')).toBe('附件1.docx');
    expect(decodeUnlabelled(Buffer.from([0xff, 0xff, 0x2e]))).toBeNull();
  });
});
