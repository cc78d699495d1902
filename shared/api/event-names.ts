import type { EventName } from './events';

/**
 * The names of the events the Node side pushes, without their schemas: the browser host's event
 * stream subscribes to each by name, and importing events.ts for that would put zod and every
 * contract schema into the renderer's first screen. The checks below keep the list exact.
 */
export const EVENT_NAMES = [
  'session.changed',
  'devices.changed',
  'cases.changed',
  'settings.changed',
  'sync.status',
  'hall.changed',
  'idcard.read',
  'idcard.error',
  'ratings.prompt',
  'ratings.changed',
  'capture.progress',
  'display.update',
  'display.clear',
  'calendar.changed',
  'system.clock.changed',
  'system.fault',
] as const satisfies readonly EventName[];

// Fails to compile when events.ts gains an event this list lacks.
type Missing = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const everyEventListed: [Missing] extends [never] ? true : Missing = true;
void everyEventListed;
