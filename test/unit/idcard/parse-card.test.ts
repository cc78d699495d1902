import { describe, expect, it } from 'vitest';
import {
  CardParseError,
  ETHNICITY_NAMES,
  PHOTO_NOT_DECODABLE,
  SEX_NAMES,
  detectCardType,
  encodeNewAddress,
  encodeTextBlock,
  fromBase64,
  idCardSchema,
  parseIdCard,
  toBase64,
  type RawCard,
} from '../../../shared/domain/idcard';
import { idNumberCheckChar } from '../../../shared/domain/identifiers';
import { loadTrainingCards } from '../../../electron/devices/idcard/simulator/training-cards';

const TODAY = '2026-06-01';
const photo = { bytes: 1024, sha256: 'a'.repeat(64), wltBase64: 'V0xmAA==' };

/** Writes UTF-16LE by hand (not through the encoder), so parser and encoder are checked separately. */
function handBuiltResident(validTo: string, typeChar = ' '): Uint8Array {
  const block = new Uint8Array(256);
  const put = (offset: number, length: number, value: string): void => {
    for (let i = 0; i < length / 2; i++) {
      const c = i < value.length ? value.charCodeAt(i) : 0x20;
      block[offset + 2 * i] = c & 0xff;
      block[offset + 2 * i + 1] = c >> 8;
    }
  };
  put(0, 256, '');
  put(0, 30, '测试甲');
  put(30, 2, '2');
  put(32, 4, '05');
  put(36, 16, '19491231');
  put(52, 70, '新疆维吾尔自治区乌鲁木齐市天山区演示路1号');
  put(122, 36, '11010519491231002X');
  put(158, 30, '乌鲁木齐市公安局天山分局');
  put(188, 16, '20100101');
  put(204, 16, validTo);
  put(248, 2, typeChar);
  return block;
}

describe('resident card', () => {
  it('parses every field at the documented offsets', () => {
    const card = parseIdCard({ text: handBuiltResident('20300101'), photo }, TODAY);
    expect(card).toMatchObject({
      cardType: 'resident',
      name: '测试甲',
      englishName: null,
      sex: '女',
      sexCode: '2',
      ethnicity: '维吾尔族',
      ethnicityCode: '05',
      birthDate: '1949-12-31',
      address: '新疆维吾尔自治区乌鲁木齐市天山区演示路1号',
      idNumber: '11010519491231002X',
      idNumberValid: true,
      authority: '乌鲁木齐市公安局天山分局',
      validFrom: '2010-01-01',
      validTo: '2030-01-01',
      nationality: null,
      newAddress: null,
      expired: false,
      warnings: [],
    });
    expect(card.photo).toEqual({
      format: 'wlt',
      bytes: 1024,
      sha256: 'a'.repeat(64),
      wltBase64: 'V0xmAA==',
      bmpBase64: null,
      message: PHOTO_NOT_DECODABLE,
    });
    expect(idCardSchema.parse(card)).toEqual(card);
  });

  it('reads 长期 stored as 7F 95 1F 67 and never calls it expired', () => {
    const text = handBuiltResident('长期');
    expect([...text.subarray(204, 208)]).toEqual([0x7f, 0x95, 0x1f, 0x67]);
    const card = parseIdCard({ text, photo }, '2099-12-31');
    expect(card.validTo).toBe('长期');
    expect(card.expired).toBe(false);
  });

  it('warns on an expired card, valid through its last day', () => {
    expect(parseIdCard({ text: handBuiltResident('20260601'), photo }, '2026-06-01').expired).toBe(false);
    const card = parseIdCard({ text: handBuiltResident('20260601'), photo }, '2026-06-02');
    expect(card.expired).toBe(true);
    expect(card.warnings.map((w) => w.code)).toEqual(['expired']);
    expect(card.warnings[0]!.message).toContain('2026-06-01');
  });

  it('accepts a NUL in the type slot as a resident card', () => {
    expect(detectCardType(handBuiltResident('20300101', '\u0000'))).toBe('resident');
  });

  it('reports a number that fails the check instead of accepting it', () => {
    const text = encodeTextBlock('resident', {
      name: '测试乙',
      sexCode: '1',
      ethnicityCode: '01',
      birthDate: '18800101',
      idNumber: '440524188001010015',
      validFrom: '20200101',
      validTo: '20400101',
    });
    const card = parseIdCard({ text, photo }, TODAY);
    expect(card.idNumberValid).toBe(false);
    expect(card.warnings[0]?.code).toBe('id-number-invalid');
  });

  it('flags a birth date that disagrees with the number, and unknown codes', () => {
    const text = encodeTextBlock('resident', {
      name: '测试丙',
      sexCode: '7',
      ethnicityCode: '99',
      birthDate: '18800102',
      idNumber: '440524188001010014',
      validFrom: '20200101',
      validTo: '20400101',
    });
    const card = parseIdCard({ text, photo }, TODAY);
    expect(card.idNumberValid).toBe(true);
    expect(card.warnings.map((w) => w.code).sort()).toEqual(['birth-date-mismatch', 'unknown-code', 'unknown-code']);
    expect(card.sex).toBe('7');
    expect(card.ethnicity).toBeNull();
  });

  it('keeps unreadable dates raw with a warning', () => {
    const text = encodeTextBlock('resident', {
      name: '测试丁',
      sexCode: '1',
      ethnicityCode: '01',
      birthDate: '19900230',
      idNumber: '11010519491231002X',
      validFrom: '2020',
      validTo: '20400101',
    });
    const card = parseIdCard({ text, photo }, TODAY);
    expect(card.birthDate).toBe('19900230');
    expect(card.validFrom).toBe('2020');
    expect(card.warnings.filter((w) => w.code === 'bad-date')).toHaveLength(2);
  });

  it('decodes the latest address when the card has one', () => {
    const card = parseIdCard(
      { text: handBuiltResident('20300101'), photo, newAddress: encodeNewAddress('北京市西城区演示胡同2号') },
      TODAY,
    );
    expect(card.newAddress).toBe('北京市西城区演示胡同2号');
  });
});

describe('other layouts', () => {
  it('parses the 2017 foreigner card (type I)', () => {
    const text = encodeTextBlock('foreign-2017', {
      englishName: 'EXAMPLE, JANE',
      sexCode: '2',
      idNumber: 'GBR310075050101',
      nationality: 'GBR',
      name: '简',
      validFrom: '20170601',
      validTo: '20270601',
      birthDate: '19750501',
      cardVersion: '10',
      authority: '3100',
    });
    expect(text[248]).toBe(0x49);
    const card = parseIdCard({ text, photo }, TODAY);
    expect(card).toMatchObject({
      cardType: 'foreign-2017',
      name: '简',
      englishName: 'EXAMPLE, JANE',
      sex: '女',
      idNumber: 'GBR310075050101',
      idNumberValid: true,
      nationality: 'GBR',
      birthDate: '1975-05-01',
      cardVersion: '10',
      authority: '3100',
      ethnicity: null,
    });
  });

  it('validates only the shape of a 2017 number', () => {
    const text = encodeTextBlock('foreign-2017', {
      englishName: 'X',
      sexCode: '1',
      idNumber: 'GB3100750501011',
      nationality: 'GBR',
      name: '甲',
      validFrom: '20170601',
      validTo: '20270601',
      birthDate: '19750501',
    });
    expect(parseIdCard({ text, photo }, TODAY).idNumberValid).toBe(false);
  });

  it('parses the 2023 foreigner card (type Y) and joins the English name across its two parts', () => {
    const text = encodeTextBlock('foreign-2023', {
      name: '示例',
      sexCode: '1',
      renewalCount: '02',
      birthDate: '19850101',
      englishName1: 'LONGFAMILYNAMEFORTESTING, FIRSTNAM',
      idNumber: '932682198501010017',
      validFrom: '20240101',
      validTo: '20340101',
      englishName2: 'E MIDDLE',
      nationality: 'AUS',
    });
    const card = parseIdCard({ text, photo }, TODAY);
    expect(card).toMatchObject({
      cardType: 'foreign-2023',
      name: '示例',
      englishName: 'LONGFAMILYNAMEFORTESTING, FIRSTNAM E MIDDLE',
      renewalCount: 2,
      idNumberValid: true,
      nationality: 'AUS',
      birthDate: '1985-01-01',
    });
  });

  it('joins a 2023 English name split mid-word without inserting a space', () => {
    const text = encodeTextBlock('foreign-2023', {
      name: '示例',
      sexCode: '2',
      englishName1: 'A'.repeat(35),
      englishName2: 'BC',
      idNumber: '911124198108030024',
      birthDate: '19810803',
      validFrom: '20240101',
      validTo: '20340101',
      nationality: 'NZL',
    });
    const card = parseIdCard({ text, photo }, TODAY);
    expect(card.englishName).toBe('A'.repeat(35) + 'BC');
    expect(card.idNumberValid).toBe(true);
  });

  it('parses the Hong Kong/Macao/Taiwan permit (type J) and checks its 8x0000 prefix', () => {
    const fields = {
      name: '示例丁',
      sexCode: '2',
      birthDate: '19900101',
      address: '广东省珠海市香洲区演示路2号',
      idNumber: '82000019900101002' + idNumberCheckChar('82000019900101002'),
      authority: '珠海市公安局',
      validFrom: '20200101',
      validTo: '20250101',
      passNumber: 'M12345678',
      issueCount: '03',
    };
    const card = parseIdCard({ text: encodeTextBlock('hk-mo-tw', fields), photo }, TODAY);
    expect(card).toMatchObject({
      cardType: 'hk-mo-tw',
      passNumber: 'M12345678',
      issueCount: 3,
      idNumberValid: true,
      expired: true,
      address: '广东省珠海市香洲区演示路2号',
    });
    const mainland = parseIdCard(
      { text: encodeTextBlock('hk-mo-tw', { ...fields, idNumber: '11010519491231002X', birthDate: '19491231' }), photo },
      TODAY,
    );
    expect(mainland.idNumberValid).toBe(false);
  });

  it('refuses an unknown type character and a short block', () => {
    const text = encodeTextBlock('resident', { name: '甲' });
    text[248] = 0x5a;
    expect(() => parseIdCard({ text, photo }, TODAY)).toThrow(CardParseError);
    expect(() => parseIdCard({ text: new Uint8Array(100), photo } as RawCard, TODAY)).toThrow(CardParseError);
  });
});

describe('code tables', () => {
  it('has all 56 ethnic groups plus 97 and 98, with current names', () => {
    const codes = Object.keys(ETHNICITY_NAMES);
    expect(codes).toHaveLength(58);
    for (let i = 1; i <= 56; i++) expect(ETHNICITY_NAMES[String(i).padStart(2, '0')]).toMatch(/族$/);
    expect(ETHNICITY_NAMES['36']).toBe('毛南族');
    expect(ETHNICITY_NAMES['46']).toBe('德昂族');
    expect(ETHNICITY_NAMES['31']).toBe('达斡尔族');
    expect(Object.values(ETHNICITY_NAMES)).not.toContain('崩龙族');
    expect(new Set(Object.values(ETHNICITY_NAMES)).size).toBe(58);
    expect(SEX_NAMES).toEqual({ '0': '未知的性别', '1': '男', '2': '女', '9': '未说明的性别' });
  });
});

describe('training cards', () => {
  const cards = loadTrainingCards();

  it('cover all four layouts, an expired card, a 长期 card, a new address and a failed check', () => {
    const parsed = cards.map((c) => parseIdCard({ text: c.text, photo, newAddress: c.newAddress }, TODAY));
    expect(new Set(parsed.map((c) => c.cardType))).toEqual(new Set(['resident', 'foreign-2017', 'foreign-2023', 'hk-mo-tw']));
    expect(parsed.some((c) => c.expired)).toBe(true);
    expect(parsed.some((c) => c.validTo === '长期')).toBe(true);
    expect(parsed.some((c) => c.newAddress !== null)).toBe(true);
    expect(parsed.filter((c) => !c.idNumberValid).map((c) => c.name)).toEqual(['周练习']);
    for (const c of cards) expect([...c.photo.subarray(0, 4)]).toEqual([0x57, 0x4c, 0x66, 0x00]);
  });
});

describe('base64', () => {
  it('round-trips every length and matches the standard encoding', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + 7) & 0xff);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect([...fromBase64(toBase64(bytes))]).toEqual([...bytes]);
    }
  });
});
