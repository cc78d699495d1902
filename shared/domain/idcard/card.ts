/**
 * A card as the workstation knows it after a read: decoded, checked, ready to fill a form. The
 * schema is the contract for the 'card' event and for anything that stores or replays a card.
 */
import { z } from 'zod';

export const CARD_TYPES = ['resident', 'foreign-2017', 'foreign-2023', 'hk-mo-tw'] as const;
export const cardTypeSchema = z.enum(CARD_TYPES);
export type CardType = z.infer<typeof cardTypeSchema>;

export const CARD_TYPE_LABELS: Readonly<Record<CardType, string>> = {
  resident: '居民身份证',
  'foreign-2017': '外国人永久居留身份证（2017版）',
  'foreign-2023': '外国人永久居留身份证（2023版）',
  'hk-mo-tw': '港澳台居民居住证',
};

export const CARD_WARNING_CODES = [
  'id-number-invalid',
  'expired',
  'not-yet-valid',
  'bad-date',
  'birth-date-mismatch',
  'unknown-code',
] as const;

export const cardWarningSchema = z.object({
  code: z.enum(CARD_WARNING_CODES),
  message: z.string(),
});
export type CardWarning = z.infer<typeof cardWarningSchema>;

export const PHOTO_NOT_DECODABLE = '本机未配置身份证照片解码库，无法显示照片';

export const cardPhotoSchema = z.object({
  /** The card's own encrypted format; only a vendor library turns it into a bitmap. */
  format: z.literal('wlt'),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  wltBase64: z.string(),
  /** 102 x 126 BMP when a decoder is configured and succeeded. */
  bmpBase64: z.string().nullable(),
  /** Why there is no bitmap, for the clerk. */
  message: z.string().nullable(),
});
export type CardPhoto = z.infer<typeof cardPhotoSchema>;

const dateOrRaw = z.string().min(1);

export const idCardSchema = z.object({
  cardType: cardTypeSchema,
  name: z.string(),
  englishName: z.string().nullable(),
  sex: z.string(),
  sexCode: z.string(),
  ethnicity: z.string().nullable(),
  ethnicityCode: z.string().nullable(),
  /** YYYY-MM-DD; the raw digits when the card holds no valid date (with a warning). */
  birthDate: dateOrRaw,
  address: z.string().nullable(),
  idNumber: z.string(),
  idNumberValid: z.boolean(),
  authority: z.string().nullable(),
  validFrom: dateOrRaw,
  /** YYYY-MM-DD or 长期. */
  validTo: dateOrRaw,
  /** ISO 3166-1 alpha-3, foreigner cards only. */
  nationality: z.string().nullable(),
  passNumber: z.string().nullable(),
  issueCount: z.number().int().nullable(),
  renewalCount: z.number().int().nullable(),
  cardVersion: z.string().nullable(),
  newAddress: z.string().nullable(),
  photo: cardPhotoSchema,
  expired: z.boolean(),
  warnings: z.array(cardWarningSchema),
});
export type IdCard = z.infer<typeof idCardSchema>;
