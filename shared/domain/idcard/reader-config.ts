/** Per-workstation reader settings and the status badge the UI shows. */
import { z } from 'zod';

export const SAM_BAUD_RATES = [115200, 57600, 38400, 19200, 9600] as const;

export const idCardReaderConfigSchema = z
  .object({
    driver: z.enum(['none', 'serial', 'simulator']).default('none'),
    port: z.string().trim().min(1).optional(),
    baudRate: z
      .number()
      .int()
      .refine((n) => (SAM_BAUD_RATES as readonly number[]).includes(n), { message: '波特率只能是 115200、57600、38400、19200 或 9600' })
      .default(115200),
    /** When the SAM does not answer at `baudRate`, try the other rates it supports. */
    probeRates: z.boolean().default(false),
    pollIntervalMs: z
      .number()
      .int()
      .min(20, { message: '轮询间隔不能小于 20 毫秒' })
      .max(5000, { message: '轮询间隔不能大于 5000 毫秒' })
      .default(500),
    /** Module path of a photo decoder plug-in (vendor library wrapper). */
    photoDecoder: z.string().trim().min(1).optional(),
  })
  .refine((c) => c.driver !== 'serial' || c.port !== undefined, {
    message: '串口读卡器需要填写串口，如 /dev/ttyUSB0 或 COM3',
    path: ['port'],
  });
export type IdCardReaderConfig = z.infer<typeof idCardReaderConfigSchema>;
export type IdCardReaderConfigInput = z.input<typeof idCardReaderConfigSchema>;

export const DEVICE_STATES = ['not-configured', 'connecting', 'ready', 'reading', 'error', 'disconnected'] as const;
export const deviceStatusSchema = z.object({
  state: z.enum(DEVICE_STATES),
  message: z.string(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

/** What the 'error' event carries: a stable code, a message the clerk can act on, the SW3 byte when the SAM gave one. */
export const idCardErrorSchema = z.object({ code: z.string(), message: z.string(), sw3: z.string().optional() });
export type IdCardError = z.infer<typeof idCardErrorSchema>;
