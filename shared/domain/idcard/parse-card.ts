/**
 * Turns the raw text block (and the optional latest address) into an IdCard. Pure: the caller
 * supplies today's date and the photo's digest, which need a clock and a hash.
 */
import { checkIdNumber } from '../identifiers';
import { CARD_TYPE_LABELS, PHOTO_NOT_DECODABLE, type CardPhoto, type CardType, type CardWarning, type IdCard } from './card';
import { ethnicityName, sexName } from './code-tables';
import { CARD_TYPE_MARKS, CARD_TYPE_OFFSET, LAYOUTS, type FieldSpan } from './layouts';
import { LONG_TERM, TEXT_BLOCK_BYTES, cardDate, readField, readUtf16le } from './text-block';

export interface RawCard {
  text: Uint8Array;
  photo: { bytes: number; sha256: string; wltBase64: string; bmpBase64?: string | null; message?: string | null };
  /** Reply data of the latest-address command (30 03), or null when the card has none. */
  newAddress?: Uint8Array | null;
}

export class CardParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CardParseError';
  }
}

export function detectCardType(text: Uint8Array): CardType | null {
  const mark = readUtf16le(text, CARD_TYPE_OFFSET, 2);
  for (const [type, m] of Object.entries(CARD_TYPE_MARKS) as [CardType, string][]) {
    if (m === mark) return type;
  }
  // Some readers pad the resident card's type slot with NUL instead of a space.
  return mark === '\u0000' ? 'resident' : null;
}

/** `today` is YYYY-MM-DD in the workstation's time zone. */
export function parseIdCard(raw: RawCard, today: string): IdCard {
  if (raw.text.length < TEXT_BLOCK_BYTES) throw new CardParseError('身份证文字信息不完整，请将证件重新放置后再读');
  const cardType = detectCardType(raw.text);
  if (cardType === null) throw new CardParseError('无法识别的证件类型，请确认放置的是居民身份证、外国人永久居留身份证或港澳台居民居住证');

  const warnings: CardWarning[] = [];
  const f = (span: FieldSpan): string => readField(raw.text, span.offset, span.length);
  const date = (value: string, label: string): string => {
    const parsed = cardDate(value);
    if (parsed !== null) return parsed;
    warnings.push({ code: 'bad-date', message: `证件上的${label}无法识别（${value || '空'}），请人工核对证件` });
    return value || '—';
  };
  const validTo = (value: string): string => (value === LONG_TERM ? LONG_TERM : date(value, '有效期截止日期'));
  const count = (value: string): number | null => (/^\d+$/.test(value) ? Number(value) : null);

  const base = {
    englishName: null,
    ethnicity: null,
    ethnicityCode: null,
    address: null,
    authority: null,
    nationality: null,
    passNumber: null,
    issueCount: null,
    renewalCount: null,
    cardVersion: null,
  };
  let fields: Omit<IdCard, 'sex' | 'idNumberValid' | 'newAddress' | 'photo' | 'expired' | 'warnings'>;
  switch (cardType) {
    case 'resident': {
      const l = LAYOUTS.resident;
      fields = {
        ...base,
        cardType,
        name: f(l.name),
        sexCode: f(l.sexCode),
        ethnicityCode: f(l.ethnicityCode),
        ethnicity: ethnicityName(f(l.ethnicityCode)),
        birthDate: date(f(l.birthDate), '出生日期'),
        address: f(l.address),
        idNumber: f(l.idNumber),
        authority: f(l.authority),
        validFrom: date(f(l.validFrom), '有效期起始日期'),
        validTo: validTo(f(l.validTo)),
      };
      if (fields.ethnicity === null)
        warnings.push({ code: 'unknown-code', message: `民族代码 ${fields.ethnicityCode} 无法识别，请人工核对证件上的民族` });
      break;
    }
    case 'foreign-2017': {
      const l = LAYOUTS['foreign-2017'];
      fields = {
        ...base,
        cardType,
        name: f(l.name),
        englishName: f(l.englishName),
        sexCode: f(l.sexCode),
        idNumber: f(l.idNumber),
        nationality: f(l.nationality),
        birthDate: date(f(l.birthDate), '出生日期'),
        authority: f(l.authority),
        cardVersion: f(l.cardVersion),
        validFrom: date(f(l.validFrom), '有效期起始日期'),
        validTo: validTo(f(l.validTo)),
      };
      break;
    }
    case 'foreign-2023': {
      const l = LAYOUTS['foreign-2023'];
      // The English name runs on from part 1 into part 2, possibly mid-word: join before trimming.
      const english = (readUtf16le(raw.text, l.englishName1.offset, l.englishName1.length) + f(l.englishName2)).replace(/\s+$/u, '');
      fields = {
        ...base,
        cardType,
        name: f(l.name),
        englishName: english,
        sexCode: f(l.sexCode),
        renewalCount: count(f(l.renewalCount)),
        birthDate: date(f(l.birthDate), '出生日期'),
        idNumber: f(l.idNumber),
        nationality: f(l.nationality),
        validFrom: date(f(l.validFrom), '有效期起始日期'),
        validTo: validTo(f(l.validTo)),
      };
      break;
    }
    case 'hk-mo-tw': {
      const l = LAYOUTS['hk-mo-tw'];
      fields = {
        ...base,
        cardType,
        name: f(l.name),
        sexCode: f(l.sexCode),
        birthDate: date(f(l.birthDate), '出生日期'),
        address: f(l.address),
        idNumber: f(l.idNumber),
        authority: f(l.authority),
        validFrom: date(f(l.validFrom), '有效期起始日期'),
        validTo: validTo(f(l.validTo)),
        passNumber: f(l.passNumber),
        issueCount: count(f(l.issueCount)),
      };
      break;
    }
  }

  const sex = sexName(fields.sexCode);
  if (sex === null) warnings.push({ code: 'unknown-code', message: `性别代码 ${fields.sexCode} 无法识别，请人工核对证件上的性别` });

  const idNumberValid = checkCardNumber(fields.cardType, fields.idNumber, fields.birthDate, warnings);
  const expired = checkValidity(fields.validFrom, fields.validTo, today, warnings);
  const newAddress = raw.newAddress ? readField(raw.newAddress, 0, raw.newAddress.length) || null : null;
  const photo: CardPhoto = {
    format: 'wlt',
    bytes: raw.photo.bytes,
    sha256: raw.photo.sha256,
    wltBase64: raw.photo.wltBase64,
    bmpBase64: raw.photo.bmpBase64 ?? null,
    message: raw.photo.bmpBase64 ? null : (raw.photo.message ?? PHOTO_NOT_DECODABLE),
  };
  return { ...fields, sex: sex ?? fields.sexCode, idNumberValid, newAddress, photo, expired, warnings };
}

function checkCardNumber(cardType: CardType, idNumber: string, birthDate: string, warnings: CardWarning[]): boolean {
  const label = CARD_TYPE_LABELS[cardType];
  if (cardType === 'foreign-2017') {
    // The 2017 number's check rule is not public: only its shape can be confirmed.
    if (/^[A-Z]{3}\d{12}$/.test(idNumber)) return true;
    warnings.push({
      code: 'id-number-invalid',
      message: `${label}号码应为3位字母加12位数字，读出的号码不符，请核对证件是否为伪造或已损坏`,
    });
    return false;
  }
  const result = checkIdNumber(idNumber);
  const prefixOk =
    cardType === 'foreign-2023'
      ? idNumber.startsWith('9')
      : cardType === 'hk-mo-tw'
        ? /^8[123]0000/.test(idNumber)
        : !idNumber.startsWith('9');
  if (!result.ok || !prefixOk) {
    warnings.push({
      code: 'id-number-invalid',
      message: `证件号码未通过校验（${result.message ?? `号码开头与${label}不符`}），请核对证件原件，必要时请申请人提供其他有效证件`,
    });
    return false;
  }
  if (cardType !== 'foreign-2023' && result.birthDate !== birthDate) {
    warnings.push({ code: 'birth-date-mismatch', message: '证件号码中的出生日期与证件上的出生日期不一致，请人工核对证件' });
  }
  return true;
}

/** Returns whether the card has expired; adds the clerk-facing warnings. */
function checkValidity(validFrom: string, validTo: string, today: string, warnings: CardWarning[]): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validFrom) && validFrom > today) {
    warnings.push({ code: 'not-yet-valid', message: `证件有效期自 ${validFrom} 起，尚未生效，请核对证件` });
  }
  if (validTo === LONG_TERM || !/^\d{4}-\d{2}-\d{2}$/.test(validTo)) return false;
  // A card is valid through the last day printed on it.
  if (validTo >= today) return false;
  warnings.push({ code: 'expired', message: `证件已于 ${validTo} 过期，请申请人出示有效证件或临时身份证后再办理` });
  return true;
}
