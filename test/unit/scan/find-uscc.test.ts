import { describe, expect, it } from 'vitest';
import { findUscc } from '../../../src/scan/find-uscc.ts';

describe('findUscc', () => {
  it('takes the first code whose check character holds, in text order', () => {
    expect(findUscc('统一社会信用代码\n91420100MAHY6MBT91\n单位地址')).toBe('91420100MAHY6MBT91');
    expect(findUscc('代码：91420111MAY9F9KJ64 另见 91420100MAHY6MBT91')).toBe('91420111MAY9F9KJ64');
  });

  it('joins the pieces OCR split with spaces, and reads full-width and lower-case letters', () => {
    expect(findUscc('91420 100MAHY6 MBT91')).toBe('91420100MAHY6MBT91');
    expect(findUscc('９１４２０１００ｍａｈｙ６ｍｂｔ９１')).toBe('91420100MAHY6MBT91');
    expect(findUscc('1 91420100MAHY6MBT91')).toBe('91420100MAHY6MBT91');
  });

  it('never counts a code whose check character fails, nor corrects a misread character', () => {
    expect(findUscc('91420100MAHY6MBT92')).toBeNull();
    // O read for 0: valid only after guessing, so not read.
    expect(findUscc('9142O100MAHY6MBT91')).toBeNull();
    expect(findUscc('91420jJLMAY9F9J64')).toBeNull();
  });

  it('never cuts a code out of a longer run of letters and digits', () => {
    expect(findUscc('X91420100MAHY6MBT91')).toBeNull();
    expect(findUscc('91420100MAHY6MBT91X')).toBeNull();
    // Not across lines either.
    expect(findUscc('91420100M\nAHY6MBT91')).toBeNull();
  });
});
