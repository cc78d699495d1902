import { z } from 'zod';
import { Empty, IsoDateTime, method } from './contract-kit';

export const HostKind = z.enum(['electron', 'browser-host']);

export const SystemInfo = z.object({
  product: z.string(),
  version: z.string(),
  hostKind: HostKind,
  dataDir: z.string(),
  time: IsoDateTime,
  timeZone: z.string(),
  mode: z.enum(['training', 'production']),
  /** No user exists yet: the first-run screen creates the administrator. */
  needsSetup: z.boolean(),
  schemaVersion: z.number().int(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const systemMethods = {
  'system.info': method({ input: Empty, output: SystemInfo, access: 'public', summary: 'version, host kind, data directory, time' }),
};
