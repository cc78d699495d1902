/** The SAM commands the driver uses and what each status byte (SW3) means for the clerk. */
export const SAM = {
  reset: [0x10, 0xff],
  status: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readBase: [0x30, 0x01],
  readNewAddress: [0x30, 0x03],
  readWithFingerprint: [0x30, 0x10],
  setBaudRate: [0x60],
} as const;

export const SW3_OK = 0x90;
export const SW3_FOUND = 0x9f;
export const SW3_NO_CARD = 0x80;
export const SW3_NO_CONTENT = 0x91;

/** Baud-rate command parameter: 60 00 = 115200 ... 60 04 = 9600. */
export const BAUD_PARAM: Readonly<Record<number, number>> = { 115200: 0, 57600: 1, 38400: 2, 19200: 3, 9600: 4 };

export interface Sw3Meaning {
  name: string;
  message: string;
}

const SW3: Readonly<Record<number, Sw3Meaning>> = {
  0x10: { name: 'checksum-error', message: '读卡器收到的数据校验出错，请检查串口线是否松动后重试' },
  0x11: { name: 'length-error', message: '读卡器收到的数据长度出错，请检查串口线和波特率设置后重试' },
  0x21: { name: 'command-error', message: '读卡器不支持该命令，请确认读卡器型号与驱动设置是否匹配' },
  0x23: { name: 'not-authorised', message: '读卡器拒绝了该操作（未授权），请联系信息科检查读卡器' },
  0x24: { name: 'unrecognised-error', message: '读卡器报告未知错误，请拔插读卡器后重试' },
  0x31: { name: 'card-rejected-sam', message: '证件未能认证读卡模块，请将证件重新放置；仍失败请联系信息科' },
  0x32: { name: 'sam-rejected-card', message: '读卡模块未能认证证件，证件可能已损坏或非真证，请人工核验' },
  0x33: { name: 'verification-error', message: '证件信息校验出错，请将证件重新放置后再读' },
  0x40: { name: 'unknown-card-type', message: '无法识别的卡片类型，请放置居民身份证、外国人永久居留身份证或港澳台居民居住证' },
  0x41: { name: 'read-failed', message: '读卡失败，请将证件平放在读卡区并保持不动，重新读取' },
  0x47: { name: 'random-failed', message: '读卡时取随机数失败，请将证件重新放置后再读' },
  0x60: { name: 'sam-self-test-failed', message: '读卡模块自检失败，请拔插读卡器电源；仍失败请联系信息科更换读卡器' },
  0x66: { name: 'sam-not-authorised', message: '读卡模块未获授权，请联系信息科或读卡器厂商' },
  0x80: { name: 'no-card', message: '未放置证件，请将证件平放在读卡区' },
  0x81: { name: 'select-failed', message: '选卡失败，请将证件重新放置后再读' },
  0x91: { name: 'no-content', message: '证件无此项信息' },
};

export function sw3Hex(sw3: number): string {
  return sw3.toString(16).toUpperCase().padStart(2, '0');
}

export function describeSw3(sw3: number): Sw3Meaning {
  return SW3[sw3] ?? { name: 'unknown-status', message: `读卡器返回未知状态 ${sw3Hex(sw3)}，请拔插读卡器后重试；仍失败请联系信息科` };
}

/** A reply with a status that is not the one the step needed. */
export class SamStatusError extends Error {
  readonly sw3: number;
  readonly statusName: string;
  constructor(sw3: number) {
    const meaning = describeSw3(sw3);
    super(meaning.message);
    this.name = 'SamStatusError';
    this.sw3 = sw3;
    this.statusName = meaning.name;
  }
}
