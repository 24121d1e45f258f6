import { describe, expect, it } from 'vitest';
import { isPhoneNumber, isValidPhoneField } from '../../../src/validate/phone.ts';
import { isValidUscc, usccCheckChar, usccDivision } from '../../../src/validate/uscc.ts';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real codes', () => {
    // Huawei Technologies (Shenzhen) and Shenzhen Tencent Computer Systems: published codes.
    expect(isValidUscc('914403001922038216')).toBe(true);
    expect(isValidUscc('9144030071526726XG')).toBe(true);
    expect(isValidUscc('91420100MAHY6MBT91')).toBe(true);
    expect(isValidUscc('12420111886904542A')).toBe(true);
  });

  it('computes the check character with the 31-character alphabet and weights', () => {
    expect(usccCheckChar('91440300192203821')).toBe('6');
    expect(usccCheckChar('9144030071526726X')).toBe('G');
    expect(usccCheckChar('9144030071526726I')).toBeNull(); // I is not in the alphabet
  });

  it('rejects a wrong check character, letters outside the alphabet, wrong length', () => {
    expect(isValidUscc('91420106MA9M0R0K03')).toBe(false);
    expect(isValidUscc('914403001922038217')).toBe(false);
    expect(isValidUscc('9144030071526726XO')).toBe(false);
    expect(isValidUscc('91440300192203821')).toBe(false);
    expect(isValidUscc('91AB0300192203821X')).toBe(false); // division must be digits
  });

  it('tolerates full-width characters, spaces and lower case', () => {
    expect(isValidUscc(' ９１４４０３００１９２２０３８２１６ ')).toBe(true);
    expect(isValidUscc('9144 0300 7152 6726 xg')).toBe(true);
  });

  it('reads the division from characters 3-8', () => {
    expect(usccDivision('91420100MAHY6MBT91')).toBe('420100');
    expect(usccDivision('91440106MAHNJ68F2R')).toBe('440106');
  });
});

describe('phone numbers', () => {
  it.each([
    '13871234567',
    '+86 138 7123 4567',
    '138-7123-4567',
    '027-87654321',
    '(027)87654321',
    '（027）87654321',
    '02787654321',
    '027-8765432',
    '0710-3456789',
    '027-87654321-8001',
    '027-87654321转8001',
  ])('accepts %s', (n) => expect(isValidPhoneField(n)).toBe(true));

  it.each(['1387105562', '12871234567', '87654321', '138712345678', '027-876543', 'abc', '电话待定'])('rejects %s', (n) =>
    expect(isValidPhoneField(n)).toBe(false),
  );

  it.each([
    '13871234567（微信同号）',
    '13871234567(同微信)',
    '86-13871234567',
    '+86 138 7123 4567',
    '+86-138-7123-4567',
    '0086 13871234567',
    '8613871234567',
    '+86 27 87654321',
    '+86-27-87654321',
    '027-87654321 转 8001',
    '027-87654321 分机 8001',
    '027-87654321-分机8001',
    '027-87654321 ext. 8001',
    '027-87654321（办公室）',
  ])('accepts with country code, note or extension: %s', (n) => expect(isValidPhoneField(n)).toBe(true));

  it.each(['86-1387105562', '+86 1387105562', '1387105562（微信同号）', '0278765432180', '027-87654321 转', '(微信同号)'])(
    'still rejects %s',
    (n) => expect(isValidPhoneField(n)).toBe(false),
  );

  it('accepts several numbers in one cell only when each is a number', () => {
    expect(isValidPhoneField('13871234567（微信、钉钉同号） / 027-87654321')).toBe(true);
    expect(isValidPhoneField('13871234567 / 027-87654321')).toBe(true);
    expect(isValidPhoneField('13871234567、1387105562')).toBe(false);
    expect(isPhoneNumber('027 87654321')).toBe(true);
  });
});
