import { describe, expect, it } from 'vitest';
import { readSubmission } from '../../../src/forms/read-submission.ts';
import type { Block, FoundFile, MaterialKind } from '../../../src/types.ts';
import { form1, p } from './fixtures.ts';

function file(kind: MaterialKind, blocks: Block[] | null, readable = true): FoundFile {
  return {
    filename: `${kind}.docx`,
    contentType: '',
    content: Buffer.alloc(0),
    size: 0,
    sha256: '',
    parentIndex: null,
    depth: 0,
    kind,
    readable,
    parsed: blocks ? { format: 'docx', blocks, text: '' } : undefined,
  };
}

const CASE = { n: 1, name: '甲', dataset: '甲数据集;行业专识数据集', rows: '10', gb: '1GB', tick: '☑' };

describe('readSubmission', () => {
  it('absent forms leave their parts null', () => {
    expect(readSubmission([])).toEqual({
      unit_name: null,
      uscc: null,
      unit_address: null,
      contact_name: null,
      contact_title: null,
      contact_phone: null,
      declared_date: null,
      cases: null,
      intro: null,
      summary_rows: null,
    });
  });

  it('an unreadable form is as good as absent, with no per-field guessing', () => {
    const s = readSubmission([file('form1', form1([CASE]), false), file('form2', null, false), file('form3', null, false)]);
    expect(s.unit_name).toBeNull();
    expect(s.cases).toBeNull();
    expect(s.intro).toBeNull();
    expect(s.summary_rows).toBeNull();
  });

  it('of several files of a kind, the one that reads best wins', () => {
    const s = readSubmission([
      file('form1', [p('附件1'), p('盖章页')]),
      file('form1', form1([CASE])),
      file('form2', [p('一、背景描述'), p('背景')]),
    ]);
    expect(s.unit_name).toBe('测试单位有限公司');
    expect(s.cases).toHaveLength(1);
    expect(s.intro?.background).toBe('背景');
    expect(s.summary_rows).toBeNull();
  });

  it('a readable 附件3 without a filled row is an empty list', () => {
    expect(readSubmission([file('form3', [p('附件3')])]).summary_rows).toEqual([]);
  });
});
