import { z } from 'zod';
import { Empty, method } from './contract-kit';

export const DeviceKind = z.enum(['idcard', 'scanner', 'camera', 'printer', 'display']);
export const DeviceState = z.enum(['not-configured', 'connecting', 'ready', 'reading', 'error', 'disconnected']);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceStatus = z.object({
  kind: DeviceKind,
  label: z.string(),
  state: DeviceState,
  /** What the clerk sees on the badge, e.g. 未配置, 读卡器已就绪. */
  message: z.string(),
  simulated: z.boolean(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** A scanner or printer one driver found on this machine (the doctor and 工位设置 list them). */
export const DeviceDriver = z.enum(['escl', 'sane', 'wia', 'twain', 'ipp', 'cups', 'electron']);
export const FoundDevice = z.object({
  kind: z.enum(['scanner', 'printer']),
  driver: DeviceDriver,
  /** What the settings store: the eSCL/IPP address, SANE device, WIA DeviceID or CUPS queue. */
  id: z.string(),
  label: z.string(),
  /** unsupported: found but not usable by OneWindow (a TWAIN-only scanner). */
  state: z.enum(['ready', 'error', 'unsupported']),
  /** What it is, or what to do. */
  message: z.string(),
});
export type FoundDevice = z.infer<typeof FoundDevice>;
export const DeviceTestResult = z.object({ ok: z.boolean(), message: z.string() });
export type DeviceTestResult = z.infer<typeof DeviceTestResult>;
export const DeviceTestInput = z
  .object({ kind: z.enum(['scanner', 'printer']), driver: DeviceDriver, id: z.string().trim().min(1).max(512) })
  .strict();

export const devicesMethods = {
  'devices.status': method({
    input: Empty,
    output: z.array(DeviceStatus),
    access: 'user',
    allowWhenLocked: true,
    summary: 'status of every device',
  }),
  'devices.inventory': method({
    input: Empty,
    output: z.array(FoundDevice),
    access: ['admin'],
    summary: 'every scanner and printer every driver finds here',
  }),
  'devices.test': method({ input: DeviceTestInput, output: DeviceTestResult, access: ['admin'], summary: 'test one scanner or printer' }),
};
