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

export const devicesMethods = {
  'devices.status': method({ input: Empty, output: z.array(DeviceStatus), access: 'user', allowWhenLocked: true, summary: 'status of every device' }),
};
