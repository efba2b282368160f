/**
 * Field positions of the 256-byte text block per card type (shared/protocols.md §1.6).
 * Each entry is `[byteOffset, characters]`; one character = 2 bytes of UCS-2LE.
 */

/** The four card types a GA 467 reader returns, named as in the glossary. */
export type IdCardType = 'resident' | 'hkMacaoTaiwan' | 'foreignPermanent2017' | 'foreignPermanent2023';

/** Length of the text block (`textLen` = `01 00`, §1.5). */
export const TEXT_BLOCK_BYTES = 256;
/** The card type marker is the UCS-2 character at byte 248 (char index 124), §1.6. */
export const CARD_TYPE_MARKER_OFFSET = 248;

/** Marker character per card type (§1.6): ' ', 'J', 'I', 'Y'. */
export const CARD_TYPE_MARKERS: Readonly<Record<IdCardType, string>> = {
  resident: ' ',
  hkMacaoTaiwan: 'J',
  foreignPermanent2017: 'I',
  foreignPermanent2023: 'Y',
};

/** Card type for a marker character, or undefined. */
export function cardTypeFromMarker(marker: string): IdCardType | undefined {
  for (const [type, value] of Object.entries(CARD_TYPE_MARKERS) as [IdCardType, string][]) {
    if (value === marker) return type;
  }
  return undefined;
}

export type FieldSpec = readonly [byteOffset: number, characters: number];

/** Every field name a layout may hold. */
export type LayoutField =
  | 'name'
  | 'foreignName'
  | 'gender'
  | 'nation'
  | 'birth'
  | 'address'
  | 'idNumber'
  | 'authority'
  | 'validFrom'
  | 'validUntil'
  | 'passNumber'
  | 'issueCount'
  | 'nationality'
  | 'cardVersion'
  | 'authorityCode'
  | 'otherNumber';

export type CardLayout = Readonly<Partial<Record<LayoutField, FieldSpec>>>;

/** Resident ID card (' ') and HK/Macao/Taiwan residence permit ('J') share one layout. */
const RESIDENT_LAYOUT: CardLayout = {
  name: [0, 15],
  gender: [30, 1],
  nation: [32, 2],
  birth: [36, 8],
  address: [52, 35],
  idNumber: [122, 18],
  authority: [158, 15],
  validFrom: [188, 8],
  validUntil: [204, 8],
  // 'J' only; spaces on resident cards.
  passNumber: [220, 9],
  issueCount: [238, 2],
};

export const CARD_LAYOUTS: Readonly<Record<IdCardType, CardLayout>> = {
  resident: RESIDENT_LAYOUT,
  hkMacaoTaiwan: RESIDENT_LAYOUT,
  // 2017 foreigner card ('I'): English name first, 15-character card number, no authority
  // text on the chip (only a 4-character acceptance-authority code).
  foreignPermanent2017: {
    foreignName: [0, 60],
    gender: [120, 1],
    idNumber: [122, 15],
    nationality: [152, 3],
    name: [158, 15],
    validFrom: [188, 8],
    validUntil: [204, 8],
    birth: [220, 8],
    cardVersion: [236, 2],
    authorityCode: [240, 4],
  },
  // 2023 foreigner card ('Y') [likely]: 32–35 reserved; 220–237 unconfirmed, kept raw.
  foreignPermanent2023: {
    name: [0, 15],
    gender: [30, 1],
    birth: [36, 8],
    foreignName: [52, 35],
    idNumber: [122, 18],
    authority: [158, 15],
    validFrom: [188, 8],
    validUntil: [204, 8],
    otherNumber: [220, 9],
    issueCount: [238, 2],
    nationality: [242, 3],
  },
};
