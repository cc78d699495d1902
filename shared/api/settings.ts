import { z } from 'zod';
import { idCardReaderConfigSchema } from '../domain/idcard/reader-config';
import { checkPhone, isPlausibleCertificateTypeName } from '../domain/identifiers';
import { Empty, method } from './contract-kit';

const DevicePath = z.string().trim().min(1).max(256);

/** The reader's settings are the driver's own schema (port, rate, poll interval, plug-in). */
export const IdCardDeviceSettings = idCardReaderConfigSchema;

export const ScannerSettings = z
  .object({
    // escl: a network scanner (AirScan/Mopria), `device` its address http://host[:port]/eSCL or
    // empty to take the first one mDNS finds; wia: Windows only, `device` the WIA DeviceID.
    driver: z.enum(['none', 'sane', 'simulator', 'escl', 'wia']).default('none'),
    device: DevicePath.optional(),
    resolution: z.number().int().min(75).max(600).default(200),
    mode: z.enum(['Color', 'Gray', 'Lineart']).default('Gray'),
  })
  .strict();

export const CameraSettings = z
  .object({
    driver: z.enum(['none', 'uvc', 'simulator']).default('none'),
    /** The MediaDeviceInfo.label chosen by IT (device ids change between machines). */
    label: z.string().max(256).optional(),
  })
  .strict();

/**
 * The barcode scanner (keyboard wedge): how to tell its codes from typing on a busy PC. A prefix
 * programmed into the scanner is the surest; a pattern (a regular expression a whole code
 * matches; empty = 办件编号 and document QR payloads) with a length range is next.
 */
export const BarcodeScannerSettings = z
  .object({
    prefix: z.string().max(8, '条码前缀最多8个字符').default(''),
    suffix: z.enum(['Enter', 'Tab']).default('Enter'),
    pattern: z
      .string()
      .max(200, '条码格式最多200个字符')
      .refine((v) => {
        try {
          new RegExp(v);
          return true;
        } catch {
          return false;
        }
      }, '条码格式不是有效的正则表达式，请核对（留空则识别办件编号和文书二维码）')
      .default(''),
    minLength: z.number().int().min(4, '条码最短不少于4位').max(64).default(6),
    maxLength: z.number().int().min(4).max(128, '条码最长不超过128位').default(64),
  })
  .strict()
  .refine((v) => v.minLength <= v.maxLength, { message: '条码最短长度不能大于最长长度', path: ['minLength'] });

export const PrinterRef = z
  .object({
    // ipp: IPP straight to a network printer or a CUPS queue (`uri`, ipp://host:631/printers/x),
    // with job state (plain ipp://; ipps:// with its self-signed certificates is not supported yet);
    // cups: a local CUPS queue by name.
    kind: z.enum(['none', 'cups', 'electron', 'folder', 'ipp']).default('none'),
    name: z.string().trim().max(128).optional(),
    uri: z
      .string()
      .trim()
      .max(512)
      .regex(/^ipp:\/\/[^\s/]+(\/\S*)?$/i, '打印机地址应形如 ipp://192.168.1.20:631/ipp/print')
      .optional(),
    folder: z.string().trim().max(512).optional(),
  })
  .strict();

export const PlatformSettings = z
  .object({
    url: z.string().url('中心平台地址应为完整网址，如 https://platform.example.gov.cn').optional(),
    workstationId: z.string().trim().max(64).optional(),
    /** Provisioned shared secret; never sent to the renderer. */
    secret: z.string().min(16, '平台密钥至少16个字符').max(256).optional(),
  })
  .strict();

export const WorkstationConfig = z
  .object({
    mode: z.enum(['training', 'production']).default('training'),
    hall: z
      .object({ name: z.string().trim().min(1).max(64).default('政务服务中心'), code: z.string().trim().max(32).default('') })
      .strict()
      .default({ name: '政务服务中心', code: '' }),
    window: z
      .object({
        number: z.string().trim().min(1).max(16).default('1'),
        name: z.string().trim().max(64).default('综合受理窗口'),
        // Printed on every notice as 咨询电话. 12345 is the national government service hotline
        // every city answers, so a window not yet given its own number still prints a real one.
        phone: z
          .string()
          .trim()
          .refine((v) => checkPhone(v).ok || /^12345$/.test(v), '咨询电话应为带区号的固定电话、手机号或 12345')
          .default('12345'),
      })
      .strict()
      .default({ number: '1', name: '综合受理窗口', phone: '12345' }),
    departments: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
    /** Certificate types this hall accepts beyond the built-in ones (e.g. 海员证), offered on every person. */
    certificateTypes: z
      .array(z.string().trim().refine(isPlausibleCertificateTypeName, '证件类型名称应为2至20个汉字、字母或数字'))
      .max(20, '自定义证件类型最多20种')
      .default([]),
    idleLockMinutes: z.number().int().min(1, '自动锁屏时间至少1分钟').max(240, '自动锁屏时间最多240分钟').default(10),
    devices: z
      .object({
        idcard: IdCardDeviceSettings.default({ driver: 'none', baudRate: 115200, probeRates: false, pollIntervalMs: 500 }),
        scanner: ScannerSettings.default({ driver: 'none', resolution: 200, mode: 'Gray' }),
        camera: CameraSettings.default({ driver: 'none' }),
        printers: z
          .object({ notice: PrinterRef.default({ kind: 'none' }), receipt: PrinterRef.default({ kind: 'none' }) })
          .strict()
          .default({ notice: { kind: 'none' }, receipt: { kind: 'none' } }),
      })
      .strict()
      .default({
        idcard: { driver: 'none', baudRate: 115200, probeRates: false, pollIntervalMs: 500 },
        scanner: { driver: 'none', resolution: 200, mode: 'Gray' },
        camera: { driver: 'none' },
        printers: { notice: { kind: 'none' }, receipt: { kind: 'none' } },
      }),
    platform: PlatformSettings.default({}),
    barcodeScanner: BarcodeScannerSettings.default({ prefix: '', suffix: 'Enter', pattern: '', minLength: 6, maxLength: 64 }),
    supervision: z
      .object({
        yellowThresholdWorkdays: z.number().int().min(0).max(30).default(2),
        countAcceptanceDay: z.boolean().default(false),
        deficiencyGraceWorkdays: z.number().int().min(1).max(60).default(15),
        badRatingFollowUpWorkdays: z.number().int().min(1).max(60).default(15),
      })
      .strict()
      .default({ yellowThresholdWorkdays: 2, countAcceptanceDay: false, deficiencyGraceWorkdays: 15, badRatingFollowUpWorkdays: 15 }),
  })
  .strict();
export type WorkstationConfig = z.infer<typeof WorkstationConfig>;

/** What the renderer sees: the platform secret is replaced by whether one is set. */
export const WorkstationConfigView = WorkstationConfig.extend({
  platform: z.object({ url: z.string().optional(), workstationId: z.string().optional(), hasSecret: z.boolean() }),
});
export type WorkstationConfigView = z.infer<typeof WorkstationConfigView>;

export const settingsMethods = {
  'settings.get': method({ input: Empty, output: WorkstationConfigView, access: 'user', summary: 'workstation configuration' }),
  'settings.update': method({
    // A whole configuration: the settings screen edits a copy and saves it. An empty or absent
    // secret keeps the stored one.
    input: WorkstationConfig,
    output: WorkstationConfigView,
    access: ['admin'],
    summary: 'save the workstation configuration',
  }),
};
