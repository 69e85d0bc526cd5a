import { fc, test as prop } from '@fast-check/vitest';
import {
  CREDIT_CODE_CHARSET,
  checkCreditCode,
  checkLandline,
  checkMobile,
  checkPhone,
  checkPostalCode,
  checkResidentId,
  creditCodeCheckCharacter,
  organizationCodeCheckCharacter,
  residentIdCheckCharacter,
  upgradeResidentId15,
} from '@gds/schema';
import { describe, expect, test } from 'vitest';

const NOW = new Date('2026-01-01T00:00:00Z');
const codes = (findings: readonly { code: string }[]) => findings.map((f) => f.code);

/**
 * ISO 7064 MOD 11-2 in its recursive form (p = (p + a_i) * 2 mod 11; check = (12 - p) mod 11), an
 * independent formulation of the weighted sum GDS implements, so the property tests do not test the
 * implementation against itself.
 */
function mod11_2(digits: string): string {
  let p = 0;
  for (const c of digits) p = ((p + Number(c)) * 2) % 11;
  const v = (12 - p) % 11;
  return v === 10 ? 'X' : String(v);
}

describe('GB 11643 citizen identity numbers', () => {
  // Sources: the four valid fixtures and two upgrades are from shared/reference/china-standards.md §1
  // (11010519491231002X is the standard's own example); the others are built on address codes that
  // exercise the rules (abolished Chongqing 51xxxx and Beijing 崇文 codes, Hainan xx90, Hong Kong,
  // Macao and Taiwan residence permit prefixes, a leap day, a development-zone code).
  test.each([
    ['11010519491231002X', '1949-12-31', '2'],
    ['34052419800101001X', '1980-01-01', '1'],
    ['513101198201130014', '1982-01-13', '1'],
    ['370101190102039973', '1901-02-03', '1'],
    ['510108198711252435', '1987-11-25', '1'],
    ['370986198906232123', '1989-06-23', '2'],
    ['510202197001010012', '1970-01-01', '1'],
    ['510221196503150028', '1965-03-15', '2'],
    ['500103199805201234', '1998-05-20', '1'],
    ['469003199007074568', '1990-07-07', '2'],
    ['460002198812313454', '1988-12-31', '1'],
    ['110103195505051018', '1955-05-05', '1'],
    ['810000199001010019', '1990-01-01', '1'],
    ['820000198511110025', '1985-11-11', '2'],
    ['830000199202290030', '1992-02-29', '1'],
    ['659001196006060606', '1960-06-06', '2'],
    ['440106199912319994', '1999-12-31', '1'],
    ['310230197707070779', '1977-07-07', '1'],
    ['419001201002280184', '2010-02-28', '2'],
    ['429004202001010209', '2020-01-01', '2'],
  ])('%s is valid (born %s, sex %s)', (id, birthDate, sex) => {
    const r = checkResidentId(id, { now: NOW });
    expect(r.findings).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.parts).toMatchObject({ birthDate, sex, addressCode: id.slice(0, 6) });
  });

  test.each([
    ['110105194912310021', 'id_card.check_digit'],
    ['11010519491231002', 'id_card.length'],
    ['1101051949123100211', 'id_card.length'],
    ['11010519491231002Y', 'id_card.charset'],
    ['1101051949123100X2', 'id_card.charset'],
    ['110105194902300023', 'id_card.birth_date'],
    ['110105190002290025', 'id_card.birth_date'], // 1900 is not a leap year
    ['110105079912310029', 'id_card.birth_date'], // year 0799
    ['110105203001010013', 'id_card.future_birth_date'],
    ['990105194912310025', 'id_card.address_code'],
    ['510108871125243', 'id_card.legacy_15'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'id_card.charset'], // full-width digits
  ])('%s raises %s', (id, code) => {
    const r = checkResidentId(id, { now: NOW });
    expect(codes(r.findings)).toContain(code);
    expect(r.valid).toBe(false);
  });

  test('check digit findings name the expected and the actual character', () => {
    expect(checkResidentId('110105194912310021').findings).toEqual([
      { code: 'id_card.check_digit', params: { expected: 'X', actual: '1' } },
    ]);
  });

  test('a lower-case x is normalised with a warning and the number stays valid', () => {
    const r = checkResidentId('11010519491231002x');
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('11010519491231002X');
    expect(codes(r.findings)).toEqual(['id_card.lowercase_x']);
  });

  test('a 15-digit number is reported with its upgraded form', () => {
    expect(checkResidentId('370986890623212').findings[0]?.params).toEqual({
      upgraded: '370986198906232123',
    });
  });

  test('the future-date check uses the date in China (UTC+8)', () => {
    const id = `110105202601010${'01'}`;
    const full = id.slice(0, 17) + residentIdCheckCharacter(id.slice(0, 17));
    // 2025-12-31T16:30Z is already 2026-01-01 in Beijing.
    expect(checkResidentId(full, { now: new Date('2025-12-31T16:30:00Z') }).valid).toBe(true);
    expect(codes(checkResidentId(full, { now: new Date('2025-12-31T15:30:00Z') }).findings)).toEqual([
      'id_card.future_birth_date',
    ]);
  });

  test.each([
    ['510108871125243', '510108198711252435'],
    ['370986890623212', '370986198906232123'],
  ])('upgrades %s to %s', (id15, id18) => {
    expect(upgradeResidentId15(id15)).toBe(id18);
  });

  test('upgradeResidentId15 returns null for anything but 15 digits', () => {
    expect(upgradeResidentId15('51010887112524')).toBeNull();
    expect(upgradeResidentId15('51010887112524X')).toBeNull();
  });

  test('residentIdCheckCharacter throws for a caller passing the wrong length', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(TypeError);
  });

  prop.prop([fc.stringMatching(/^\d{17}$/)])(
    'for any 17-digit prefix exactly one check character validates',
    (prefix) => {
      const expected = mod11_2(prefix);
      expect(residentIdCheckCharacter(prefix)).toBe(expected);
      const passing = [...'0123456789X'].filter(
        (c) => !codes(checkResidentId(prefix + c, { now: NOW }).findings).includes('id_card.check_digit'),
      );
      expect(passing).toEqual([expected]);
    },
  );

  prop.prop([
    fc.stringMatching(/^\d{6}$/),
    fc.date({ min: new Date('1900-01-01'), max: new Date('1999-12-31'), noInvalidDate: true }),
    fc.stringMatching(/^\d{3}$/),
  ])(
    'a 15-digit number upgrades to an 18-character number with the same address, date and sequence',
    (area, date, seq) => {
      const yymmdd = date.toISOString().slice(2, 10).replaceAll('-', '');
      const id18 = upgradeResidentId15(area + yymmdd + seq)!;
      expect(id18).toHaveLength(18);
      expect(id18.slice(0, 17)).toBe(`${area}19${yymmdd}${seq}`);
      expect(id18[17]).toBe(mod11_2(id18.slice(0, 17)));
    },
  );
});

describe('GB 32100 unified social credit codes', () => {
  // Sources: the first three from shared/reference/china-standards.md §2 (91350100M000100Y43 is the
  // standard's example); the others built for authority/category pairs of its table, each with a
  // correct organisation code check and check character.
  test.each([
    '91350100M000100Y43',
    '91512081MA62K0260E',
    '11320000MB151840XJ',
    '11110000000013127H',
    '51440300MJL1234542',
    '53310000500001237X',
    '92500103L12345674L',
    '93469003MA5T001258',
    'N2330102N12345679X',
    'Y1350211MA8RQ1238C',
    '311101054567890114',
    'A1100000MA0000015W',
    '81510108123456788A',
    '71540100MA6T00127M',
    '21100000717800013D',
    '91510202MA61AB011C',
  ])('%s is valid', (code) => {
    const r = checkCreditCode(code);
    expect(r.findings).toEqual([]);
    expect(r.valid).toBe(true);
  });

  test.each([
    ['91350100M000100Y44', 'credit_code.check_char'],
    ['91350100M000100Y4', 'credit_code.length'],
    ['91350100M000100Y4I', 'credit_code.charset'],
    ['91350100m000100y43', 'credit_code.charset'],
    ['Z1350100M000100Y43', 'credit_code.charset'],
    ['B1350100M000100Y43', 'credit_code.authority'],
    ['91990100M000100Y43', 'credit_code.division'],
    ['91830000M000100Y43', 'credit_code.division'], // 83 is a residence-permit prefix, not a division
    ['91350100M000100Y53', 'credit_code.org_code_check'],
  ])('%s raises %s', (code, expected) => {
    const r = checkCreditCode(code);
    expect(codes(r.findings)).toContain(expected);
    expect(r.valid).toBe(false);
  });

  test('an unknown category of a known authority is only a warning (the table is unverified)', () => {
    const p = '9435010012345678';
    const code17 = p + organizationCodeCheckCharacter(p.slice(8, 16));
    const r = checkCreditCode(code17 + creditCodeCheckCharacter(code17));
    expect(codes(r.findings)).toEqual(['credit_code.category']);
    expect(r.valid).toBe(true);
  });

  test.each(['91350211M0000XUF46', '91350100M0001TGQXM'])(
    'the early pilot code %s fails the checksum: an error by default, a warning on request',
    (code) => {
      const strict = checkCreditCode(code);
      expect(strict.valid).toBe(false);
      expect(codes(strict.findings)).toContain('credit_code.check_char');
      const lenient = checkCreditCode(code, { checksum: 'warning' });
      expect(lenient.valid).toBe(true);
      expect(lenient.findings.every((f) => f.severity === 'warning')).toBe(true);
    },
  );

  test('organisation code check characters (GB 11714)', () => {
    expect(organizationCodeCheckCharacter('M000100Y')).toBe('4');
    expect(organizationCodeCheckCharacter('MB151840')).toBe('X');
    expect(() => organizationCodeCheckCharacter('mb151840')).toThrow(TypeError);
  });

  test('creditCodeCheckCharacter throws for characters outside the set', () => {
    expect(() => creditCodeCheckCharacter('91350100M000100YI')).toThrow(TypeError);
    expect(() => creditCodeCheckCharacter('91350100')).toThrow(TypeError);
  });

  const charset = fc.constantFrom(...CREDIT_CODE_CHARSET);
  prop.prop([fc.array(charset, { minLength: 17, maxLength: 17 }).map((a) => a.join(''))])(
    'for any 17-character prefix exactly one check character validates',
    (prefix) => {
      // Independent statement of the rule: sum(C_i * 3^(i-1) mod 31) + C18 ≡ 0 (mod 31).
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(prefix[i]!) * 3 ** i;
      const satisfying = [...CREDIT_CODE_CHARSET].filter(
        (c) => (sum + CREDIT_CODE_CHARSET.indexOf(c)) % 31 === 0,
      );
      expect(satisfying).toEqual([creditCodeCheckCharacter(prefix)]);
      const passing = [...CREDIT_CODE_CHARSET].filter(
        (c) => !codes(checkCreditCode(prefix + c).findings).includes('credit_code.check_char'),
      );
      expect(passing).toEqual(satisfying);
    },
  );
});

describe('phones and postal codes', () => {
  test.each(['13812345678', '19912345678', '16612345678', '14712345678'])('mobile %s', (v) => {
    expect(checkMobile(v)).toEqual([]);
    expect(checkPhone(v)).toEqual([]);
  });
  test.each(['12812345678', '1381234567', '+8613812345678', '138-1234-5678', '23812345678'])(
    'not a mobile: %s',
    (v) => {
      expect(codes(checkMobile(v))).toEqual(['phone.mobile']);
    },
  );
  test.each([
    '010-62345678',
    '01062345678',
    '021-62345678',
    '0571-87654321',
    '0571-8765432',
    '0898-66123456-802',
  ])('landline %s', (v) => {
    expect(checkLandline(v)).toEqual([]);
    expect(checkPhone(v)).toEqual([]);
  });
  test.each([
    '87654321',
    '010-12345678',
    '010-6234567',
    '010-02345678',
    '0571-876543',
    '1010-12345678',
    '0571-87654321-',
  ])('not a landline: %s', (v) => {
    expect(codes(checkLandline(v))).toEqual(['phone.landline']);
  });
  test.each(['12345', '400-123-4567', ''])('neither: %s', (v) => {
    expect(codes(checkPhone(v))).toEqual(['phone.format']);
  });
  test.each(['100005', '571000', '010000'])('postal code %s', (v) => {
    expect(checkPostalCode(v)).toEqual([]);
  });
  test.each(['10005', '1000050', '10000A'])('not a postal code: %s', (v) => {
    expect(codes(checkPostalCode(v))).toEqual(['postal_code.format']);
  });
});
