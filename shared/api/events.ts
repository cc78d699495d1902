import { z } from 'zod';
import { DeviceStatus } from './devices';
import { SessionState } from './session';

/** Everything the Node side pushes to the renderer. */
export const events = {
  'session.changed': SessionState,
  'devices.changed': z.array(DeviceStatus),
  'cases.changed': z.object({ caseIds: z.array(z.string()) }),
};
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
