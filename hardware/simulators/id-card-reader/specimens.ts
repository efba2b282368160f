/**
 * Synthetic SPECIMEN cards for the simulator, the dev panel and tests — the single source
 * of truth (tests import from here; hardware must not import from tests/).
 *
 * Every value is made up: names are 测试样本… / SPECIMEN, addresses are 样例路 streets,
 * the nationality is `XXA` (ICAO 9303 "stateless", never a real country), the 2023
 * foreigner number uses country code 999 (unassigned), and sequence numbers are in the
 * 99x range. ID numbers get a valid check digit from the codec's own helper so checksum
 * warnings in tests mean something. Dates are chosen against the reference day
 * 2026-11-24 used by the tests (elder ≥ 70, one expired card).
 */
import { idNumberCheckDigit } from '../../protocols/sam/id-number.js';
import { ethnicityFromCode, genderFromCode } from '../../protocols/sam/code-tables.js';
import type { IdCardText } from '../../protocols/sam/id-card-text.js';

/** Keys of {@link SPECIMEN_CARDS}; the dev panel and config refer to cards by these ids. */
export type SpecimenId =
  | 'resident'
  | 'resident-elder'
  | 'resident-longterm'
  | 'resident-expired'
  | 'resident-dot'
  | 'hk'
  | 'foreign2017'
  | 'foreign2023';

/** 17 leading digits + the MOD 11-2 check character. */
const withCheckDigit = (first17: string): string => `${first17}${idNumberCheckDigit(first17)}`;

/** Fields that are null on a resident ID card. */
const RESIDENT_NULLS = {
  foreignName: null,
  passNumber: null,
  issueCount: null,
  nationality: null,
  authorityCode: null,
  cardVersion: null,
  otherNumber: null,
} as const;

/** Synthetic cards of all four types (§1.6), keyed by a short id. */
export const SPECIMEN_CARDS: Readonly<Record<SpecimenId, IdCardText>> = {
  resident: {
    cardType: 'resident',
    name: '测试样本一',
    gender: genderFromCode('1'),
    ethnicity: ethnicityFromCode('01'),
    birthDate: '1990-01-01',
    address: '江苏省连云港市海州区样例路1号',
    idNumber: withCheckDigit('32000019900101991'),
    issuingAuthority: '连云港市公安局海州分局',
    validFrom: '2020-01-01',
    validUntil: '2040-01-01',
    ...RESIDENT_NULLS,
  },
  'resident-elder': {
    cardType: 'resident',
    name: '测试样本二',
    gender: genderFromCode('2'),
    ethnicity: ethnicityFromCode('01'),
    birthDate: '1950-03-15',
    address: '江苏省连云港市海州区样例路2号',
    idNumber: withCheckDigit('32000019500315992'),
    issuingAuthority: '连云港市公安局海州分局',
    validFrom: '2016-05-01',
    validUntil: 'longTerm',
    ...RESIDENT_NULLS,
  },
  'resident-longterm': {
    cardType: 'resident',
    name: '测试样本三',
    gender: genderFromCode('1'),
    ethnicity: ethnicityFromCode('03'),
    birthDate: '1972-07-20',
    address: '江苏省连云港市海州区样例路3号',
    idNumber: withCheckDigit('32000019720720995'),
    issuingAuthority: '连云港市公安局海州分局',
    validFrom: '2018-09-10',
    validUntil: 'longTerm',
    ...RESIDENT_NULLS,
  },
  'resident-expired': {
    cardType: 'resident',
    name: '测试样本四',
    gender: genderFromCode('2'),
    ethnicity: ethnicityFromCode('08'),
    birthDate: '2000-06-30',
    address: '江苏省连云港市海州区样例路4号',
    idNumber: withCheckDigit('32000020000630994'),
    issuingAuthority: '连云港市公安局海州分局',
    validFrom: '2011-07-01',
    validUntil: '2016-07-01',
    ...RESIDENT_NULLS,
  },
  'resident-dot': {
    cardType: 'resident',
    name: '测试·样本五',
    gender: genderFromCode('1'),
    ethnicity: ethnicityFromCode('05'),
    birthDate: '1985-11-02',
    address: '新疆维吾尔自治区乌鲁木齐市天山区样例路5号',
    idNumber: withCheckDigit('65000019851102995'),
    issuingAuthority: '乌鲁木齐市公安局天山区分局',
    validFrom: '2019-04-01',
    validUntil: '2039-04-01',
    ...RESIDENT_NULLS,
  },
  hk: {
    cardType: 'hkMacaoTaiwan',
    name: '测试样本六',
    foreignName: null,
    gender: genderFromCode('2'),
    ethnicity: null,
    birthDate: '1988-08-08',
    address: '广东省深圳市福田区样例路6号',
    idNumber: withCheckDigit('81000019880808996'),
    issuingAuthority: '深圳市公安局',
    validFrom: '2022-03-01',
    validUntil: '2027-03-01',
    passNumber: 'H99999996',
    issueCount: '01',
    nationality: null,
    authorityCode: null,
    cardVersion: null,
    otherNumber: null,
  },
  foreign2017: {
    cardType: 'foreignPermanent2017',
    // No Chinese name on this card: `name` falls back to the English name (§1.6 'I').
    name: 'SPECIMEN, TEST SEVEN',
    foreignName: 'SPECIMEN, TEST SEVEN',
    gender: genderFromCode('1'),
    ethnicity: null,
    birthDate: '1980-01-01',
    address: null,
    idNumber: 'XXA320780010197',
    issuingAuthority: null,
    validFrom: '2017-06-01',
    validUntil: '2027-06-01',
    passNumber: null,
    issueCount: null,
    nationality: 'XXA',
    authorityCode: '3207',
    cardVersion: '01',
    otherNumber: null,
  },
  foreign2023: {
    cardType: 'foreignPermanent2023',
    name: '测试·样本八',
    foreignName: 'SPECIMEN TEST EIGHT',
    gender: genderFromCode('2'),
    ethnicity: null,
    birthDate: '1988-12-12',
    address: null,
    // 9 + province 32 + country 999 (unassigned) + birth date + sequence 998 + check.
    idNumber: withCheckDigit('93299919881212998'),
    issuingAuthority: '国家移民管理局',
    validFrom: '2023-12-01',
    validUntil: '2033-12-01',
    passNumber: null,
    issueCount: '00',
    nationality: 'XXA',
    authorityCode: null,
    cardVersion: null,
    otherNumber: '000000000',
  },
};

/** Specimen ids in a stable order (dev panel list). */
export const SPECIMEN_IDS = Object.keys(SPECIMEN_CARDS) as SpecimenId[];
