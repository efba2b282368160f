import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ETHNICITY_LABELS,
  GENDER_LABELS,
  birthDateFromIdNumber,
  decodeIdCardText,
  encodeIdCardText,
  ethnicityCardFaceName,
  ethnicityFromCode,
  genderFromCode,
  idNumberCheckDigit,
  isValidIdNumberChecksum,
  type IdCardText,
} from '../../hardware/protocols/sam/id-card-text.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';

/** A text block built by hand (not by the encoder): `[byteOffset, text]` over a blank block. */
function block(fields: readonly (readonly [number, string])[], marker = ' '): Uint8Array {
  const bytes = Uint8Array.from(Buffer.from(' '.repeat(128), 'utf16le'));
  for (const [offset, text] of [...fields, [248, marker] as const]) bytes.set(Buffer.from(text, 'utf16le'), offset);
  return bytes;
}

const RESIDENT_FIELDS = [
  [0, '测试样本一'],
  [30, '1'],
  [32, '01'],
  [36, '19900101'],
  [52, '江苏省连云港市海州区样例路1号'],
  [122, '320000199001019914'],
  [158, '连云港市公安局海州分局'],
  [188, '20200101'],
  [204, '20400101'],
] as const;

const withField = (offset: number, text: string): (readonly [number, string])[] => [
  ...RESIDENT_FIELDS.filter(([o]) => o !== offset),
  [offset, text],
];

function decodeOk(bytes: Uint8Array): { text: IdCardText; warnings: string[] } {
  const result = decodeIdCardText(bytes);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.message}`);
  return result.value;
}

function decodeErr(bytes: Uint8Array): { code: string; message: string } {
  const result = decodeIdCardText(bytes);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('text block decoding (protocols.md §1.6)', () => {
  it('decodes a hand-built resident block', () => {
    expect(decodeOk(block(RESIDENT_FIELDS))).toEqual({ text: SPECIMEN_CARDS.resident, warnings: [] });
  });

  it.each(Object.entries(SPECIMEN_CARDS))('round-trips specimen %s without warnings', (_id, card) => {
    const bytes = encodeIdCardText(card);
    expect(bytes).toHaveLength(256);
    expect(decodeOk(bytes)).toEqual({ text: card, warnings: [] });
  });

  it('places the type marker at byte 248 and pads with 20 00', () => {
    expect([...encodeIdCardText(SPECIMEN_CARDS.hk).subarray(248, 256)]).toEqual([0x4a, 0, 0x20, 0, 0x20, 0, 0x20, 0]);
    expect(encodeIdCardText(SPECIMEN_CARDS.foreign2017)[248]).toBe(0x49);
    expect(encodeIdCardText(SPECIMEN_CARDS.foreign2023)[248]).toBe(0x59);
    expect([...encodeIdCardText(SPECIMEN_CARDS.resident).subarray(20, 30)]).toEqual([0x20, 0, 0x20, 0, 0x20, 0, 0x20, 0, 0x20, 0]);
  });

  it('decodes the 2017 foreigner layout with and without a Chinese name', () => {
    const fields = [
      [0, 'SPECIMEN, TEST SEVEN'],
      [120, '1'],
      [122, 'XXA320780010197'],
      [152, 'XXA'],
      [188, '20170601'],
      [204, '20270601'],
      [220, '19800101'],
      [236, '01'],
      [240, '3207'],
    ] as const;
    expect(decodeOk(block(fields, 'I')).text).toEqual(SPECIMEN_CARDS.foreign2017);
    const named = decodeOk(block([...fields, [158, '测试样本七']], 'I')).text;
    expect([named.name, named.foreignName]).toEqual(['测试样本七', 'SPECIMEN, TEST SEVEN']);
  });

  it('trims trailing NULs as well as spaces', () => {
    const bytes = block(RESIDENT_FIELDS);
    bytes.fill(0, 8, 30);
    expect(decodeOk(bytes).text.name).toBe('测试样本');
  });

  it('rejects an unknown card type marker, a short block and control characters', () => {
    expect(decodeErr(block(RESIDENT_FIELDS, 'Q'))).toEqual({ code: 'unknownCardType', message: 'unknown card type marker U+0051' });
    expect(decodeErr(new Uint8Array(256))).toMatchObject({ code: 'unknownCardType' });
    expect(decodeErr(new Uint8Array(255))).toMatchObject({ code: 'badBlockLength' });
    expect(decodeErr(block(withField(52, '样例路\u00071号')))).toMatchObject({ code: 'notUcs2' });
  });

  it('rejects unpaired surrogates, accepts a surrogate pair with a warning', () => {
    const lone = block(RESIDENT_FIELDS);
    lone.set([0x3d, 0xd8], 4); // high surrogate D83D followed by an ordinary character
    expect(decodeErr(lone)).toEqual({ code: 'notUcs2', message: 'not UCS-2: unpaired surrogate in name (byte 4)' });
    const lowFirst = block(RESIDENT_FIELDS);
    lowFirst.set([0x00, 0xdc], 0);
    expect(decodeErr(lowFirst)).toMatchObject({ code: 'notUcs2' });
    const decoded = decodeOk(block(withField(0, '测试\u{20000}')));
    expect(decoded.text.name).toBe('测试\u{20000}');
    expect(decoded.warnings).toEqual(['surrogate pair (outside UCS-2) in name']);
  });
});

describe('dates and validity (R-V6)', () => {
  it('maps 长期 to longTerm', () => {
    expect(decodeOk(block(withField(204, '长期'))).text.validUntil).toBe('longTerm');
  });

  it.each([
    ['19991341', 'impossible birth date 19991341'],
    ['19990229', 'impossible birth date 19990229'],
    ['19000229', 'impossible birth date 19000229'],
    ['1990010A', 'impossible birth date 1990010A'],
    ['00000000', 'impossible birth date 00000000'],
  ])('rejects birth date %s', (date, message) => {
    expect(decodeErr(block(withField(36, date)))).toEqual({ code: 'impossibleDate', message });
  });

  it('accepts Feb 29 in leap years (2000, 1996)', () => {
    expect(decodeOk(block(withField(36, '20000229'))).text.birthDate).toBe('2000-02-29');
    expect(decodeOk(block(withField(36, '19960229'))).text.birthDate).toBe('1996-02-29');
  });

  it('rejects blank dates (damaged read) and validity ending before it starts', () => {
    expect(decodeErr(block(withField(188, '        ')))).toEqual({ code: 'blankDates', message: 'blank dates (damaged read)' });
    expect(decodeErr(block(withField(204, '20100101')))).toMatchObject({ code: 'badValidity' });
    expect(decodeErr(block(withField(204, '2040013')))).toMatchObject({ code: 'impossibleDate' });
  });
});

describe('ID numbers (protocols.md §1.7)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['32000019900101991', '4'],
    ['32000019720720995', 'X'],
  ])('check digit of %s is %s', (first17, check) => {
    expect(idNumberCheckDigit(first17)).toBe(check);
    expect(isValidIdNumberChecksum(`${first17}${check}`)).toBe(true);
  });

  it('throws on a caller bug and rejects malformed numbers', () => {
    expect(() => idNumberCheckDigit('1234')).toThrow(RangeError);
    expect(isValidIdNumberChecksum('11010519491231002x')).toBe(false);
    expect(isValidIdNumberChecksum('110105194912310')).toBe(false);
  });

  it('is true for generated numbers and false after any single-character change (property)', () => {
    const first17 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }).map((d) => d.join(''));
    fc.assert(
      fc.property(first17, fc.nat(17), fc.integer({ min: 1, max: 10 }), (digits, position, delta) => {
        const id = `${digits}${idNumberCheckDigit(digits)}`;
        expect(isValidIdNumberChecksum(id)).toBe(true);
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        const index = alphabet.indexOf(id.charAt(position));
        const changed = alphabet.charAt((index + delta) % alphabet.length);
        fc.pre(changed !== id.charAt(position));
        expect(isValidIdNumberChecksum(`${id.slice(0, position)}${changed}${id.slice(position + 1)}`)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the birth date embedded in the number', () => {
    expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromIdNumber('110105194913310020')).toBeNull();
    expect(birthDateFromIdNumber('110105491231002')).toBeNull();
  });

  it('warns (never refuses) on a bad check digit; normalises a lowercase x', () => {
    expect(decodeOk(block(withField(122, '320000199001019911'))).warnings).toEqual(['ID number check digit mismatch']);
    const card = SPECIMEN_CARDS['resident-longterm'];
    expect(card.idNumber.endsWith('X')).toBe(true);
    const lower = decodeOk(encodeIdCardText({ ...card, idNumber: card.idNumber.toLowerCase() }));
    expect(lower).toEqual({ text: card, warnings: ['lowercase x check digit normalised to X'] });
  });

  it('rejects 15-digit legacy numbers and non-digits', () => {
    expect(decodeErr(block(withField(122, '320000900101991')))).toMatchObject({ code: 'badIdNumber' });
    expect(decodeErr(block(withField(122, '3200001990O1019914')))).toMatchObject({ code: 'badIdNumber' });
    expect(decodeErr(block(withField(122, '')))).toMatchObject({ code: 'blankField' });
  });

  it('warns when the number prefix does not match the card type or the fields', () => {
    const hk = { ...SPECIMEN_CARDS.hk, idNumber: SPECIMEN_CARDS.resident.idNumber };
    expect(decodeOk(encodeIdCardText(hk)).warnings).toContain('HK/Macao/Taiwan permit number does not start with 81, 82 or 83');
    const y = { ...SPECIMEN_CARDS.foreign2023, idNumber: SPECIMEN_CARDS.resident.idNumber };
    expect(decodeOk(encodeIdCardText(y)).warnings).toContain('2023 foreigner card number does not start with 9');
    expect(decodeOk(block(withField(30, '2'))).warnings).toEqual(['gender digit of the ID number differs from the gender field']);
    expect(decodeOk(block(withField(36, '19900102'))).warnings).toEqual([
      'birth date in the ID number differs from the birth date field',
    ]);
  });
});

describe('code tables (protocols.md §1.7)', () => {
  it('has the four gender codes and 56 + 2 ethnic groups', () => {
    expect(GENDER_LABELS).toEqual({ '0': '未知', '1': '男', '2': '女', '9': '未说明' });
    expect(Object.keys(ETHNICITY_LABELS)).toHaveLength(58);
    expect(Object.keys(ETHNICITY_LABELS).sort().slice(0, 56)).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect([ETHNICITY_LABELS['29'], ETHNICITY_LABELS['56'], ETHNICITY_LABELS['97'], ETHNICITY_LABELS['98']]).toEqual([
      '柯尔克孜族',
      '基诺族',
      '其他',
      '外国血统中国籍人士',
    ]);
    expect(ethnicityCardFaceName('汉族')).toBe('汉');
    expect(ethnicityCardFaceName('其他')).toBe('其他');
  });

  it('keeps unknown codes raw with a 未知(<code>) label and a warning', () => {
    expect(ethnicityFromCode('57')).toEqual({ code: '57', label: '未知(57)' });
    expect(genderFromCode('9')).toEqual({ code: '9', label: '未说明' });
    expect(genderFromCode('toString')).toEqual({ code: 'toString', label: '未知(toString)' });
    const decoded = decodeOk(block(withField(32, '57')));
    expect(decoded.text.ethnicity).toEqual({ code: '57', label: '未知(57)' });
    expect(decoded.warnings).toEqual(['unknown ethnicity code']);
  });
});

describe('encode/decode round trip (property)', () => {
  const cjk = fc.constantFrom(...'测试样本一二三四五六七八九十王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤·');
  const text = (chars: fc.Arbitrary<string>, max: number): fc.Arbitrary<string> =>
    fc.array(chars, { minLength: 1, maxLength: max }).map((a) => a.join(''));
  const latin = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ ,-');
  const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const digits = (n: number): fc.Arbitrary<string> => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const cardArb: fc.Arbitrary<IdCardText> = fc
    .record({
      type: fc.constantFrom('resident', 'hkMacaoTaiwan', 'foreignPermanent2017', 'foreignPermanent2023'),
      name: text(cjk, 15).filter((n) => n.trim() === n),
      foreignName: text(latin, 35).filter((n) => n.trim() === n),
      gender: fc.constantFrom('0', '1', '2', '9'),
      nation: fc.constantFrom(...Object.keys(ETHNICITY_LABELS), '57'),
      birth: day,
      dates: fc.tuple(day, fc.option(day)),
      idDigits: digits(17),
      address: fc.option(text(cjk, 35).filter((n) => n.trim() === n)),
      extra: fc.option(digits(9)),
      count: fc.option(digits(2)),
    })
    .map((r): IdCardText => {
      const [a, b] = r.dates;
      const validFrom = b === null || a <= b ? a : b;
      const validUntil = b === null ? 'longTerm' : a <= b ? b : a;
      const first17 = r.type === 'hkMacaoTaiwan' ? `81${r.idDigits.slice(2)}` : r.type === 'foreignPermanent2023' ? `9${r.idDigits.slice(1)}` : r.idDigits;
      const isForeign = r.type === 'foreignPermanent2017' || r.type === 'foreignPermanent2023';
      return {
        cardType: r.type,
        name: r.name,
        foreignName: isForeign ? r.foreignName : null,
        gender: genderFromCode(r.gender),
        ethnicity: r.type === 'resident' ? ethnicityFromCode(r.nation) : null,
        birthDate: r.birth,
        address: isForeign ? null : r.address,
        idNumber: r.type === 'foreignPermanent2017' ? `XXA${r.idDigits.slice(0, 12)}` : `${first17}${idNumberCheckDigit(first17)}`,
        issuingAuthority: r.type === 'foreignPermanent2017' ? null : r.address?.slice(0, 15) ?? null,
        validFrom,
        validUntil,
        passNumber: r.type === 'hkMacaoTaiwan' ? r.extra : null,
        issueCount: r.type === 'hkMacaoTaiwan' || r.type === 'foreignPermanent2023' ? r.count : null,
        nationality: isForeign ? 'XXA' : null,
        authorityCode: r.type === 'foreignPermanent2017' ? r.extra?.slice(0, 4) ?? null : null,
        cardVersion: r.type === 'foreignPermanent2017' ? r.count : null,
        otherNumber: r.type === 'foreignPermanent2023' ? r.extra : null,
      };
    });

  it('decode(encode(text)) = text for every card type', () => {
    fc.assert(
      fc.property(cardArb, (card) => {
        expect(decodeOk(encodeIdCardText(card)).text).toEqual(card);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary blocks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), fc.constantFrom(0x20, 0x4a, 0x49, 0x59), (bytes, marker) => {
        bytes.set([marker, 0], 248);
        const result = decodeIdCardText(bytes);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
