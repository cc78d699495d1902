/**
 * Where each field sits in the 256-byte text block, per card type (docs/IDCARD.md section 3).
 * One table drives both the parser and the training-card writer, so they cannot drift apart.
 */
import type { CardType } from './card';

export interface FieldSpan {
  offset: number;
  length: number;
}

export const CARD_TYPE_OFFSET = 248;

/** The UTF-16 character at byte 248 names the layout; a resident card leaves it blank. */
export const CARD_TYPE_MARKS: Readonly<Record<CardType, string>> = {
  resident: ' ',
  'foreign-2017': 'I',
  'foreign-2023': 'Y',
  'hk-mo-tw': 'J',
};

export const LAYOUTS = {
  resident: {
    name: { offset: 0, length: 30 },
    sexCode: { offset: 30, length: 2 },
    ethnicityCode: { offset: 32, length: 4 },
    birthDate: { offset: 36, length: 16 },
    address: { offset: 52, length: 70 },
    idNumber: { offset: 122, length: 36 },
    authority: { offset: 158, length: 30 },
    validFrom: { offset: 188, length: 16 },
    validTo: { offset: 204, length: 16 },
  },
  'foreign-2017': {
    englishName: { offset: 0, length: 120 },
    sexCode: { offset: 120, length: 2 },
    idNumber: { offset: 122, length: 30 },
    nationality: { offset: 152, length: 6 },
    name: { offset: 158, length: 30 },
    validFrom: { offset: 188, length: 16 },
    validTo: { offset: 204, length: 16 },
    birthDate: { offset: 220, length: 16 },
    cardVersion: { offset: 236, length: 4 },
    authority: { offset: 240, length: 8 },
  },
  // Single source for this layout (marked uncertain in the protocol notes).
  'foreign-2023': {
    name: { offset: 0, length: 30 },
    sexCode: { offset: 30, length: 2 },
    renewalCount: { offset: 32, length: 4 },
    birthDate: { offset: 36, length: 16 },
    englishName1: { offset: 52, length: 70 },
    idNumber: { offset: 122, length: 36 },
    validFrom: { offset: 188, length: 16 },
    validTo: { offset: 204, length: 16 },
    englishName2: { offset: 220, length: 22 },
    nationality: { offset: 242, length: 6 },
    previousCard: { offset: 250, length: 6 },
  },
  'hk-mo-tw': {
    name: { offset: 0, length: 30 },
    sexCode: { offset: 30, length: 2 },
    birthDate: { offset: 36, length: 16 },
    address: { offset: 52, length: 70 },
    idNumber: { offset: 122, length: 36 },
    authority: { offset: 158, length: 30 },
    validFrom: { offset: 188, length: 16 },
    validTo: { offset: 204, length: 16 },
    passNumber: { offset: 220, length: 18 },
    issueCount: { offset: 238, length: 4 },
  },
} as const satisfies Record<CardType, Record<string, FieldSpan>>;

export type LayoutFieldName<T extends CardType> = keyof (typeof LAYOUTS)[T] & string;
