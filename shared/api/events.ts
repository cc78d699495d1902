import { z } from 'zod';
import { idCardSchema } from '../domain/idcard/card';
import { DisplayUpdate } from './acceptance';
import { CalendarChange } from './calendar';
import { ScanProgress } from './capture';
import { DeviceStatus } from './devices';
import { SyncStatusView } from './sync';
import { SessionState } from './session';

/** Everything the Node side pushes to the renderer. */
export const events = {
  'session.changed': SessionState,
  'devices.changed': z.array(DeviceStatus),
  'cases.changed': z.object({ caseIds: z.array(z.string()) }),
  /** The workstation configuration was saved: drivers restart with it. */
  'settings.changed': z.object({}),
  /** The relay moved: counts, online state, last error. */
  'sync.status': SyncStatusView,
  /** A card was read: the clerk's form fills from it. */
  'idcard.read': idCardSchema,
  /** The reader failed to read a card: what the clerk should do. */
  'idcard.error': z.object({ code: z.string(), message: z.string() }),
  /** The applicant display shows the five-level rating for this visit. */
  'ratings.prompt': z.object({ visitId: z.string(), caseNumbers: z.array(z.string()) }),
  /** Pending/done only: the clerk's screen never learns the applicant's choice. */
  'ratings.changed': z.object({ visitId: z.string(), status: z.enum(['pending', 'done', 'cancelled']) }),
  /** A background scan took a page, finished, failed or was cancelled. */
  'capture.progress': ScanProgress,
  /** The applicant display follows the acceptance: masked name, checklist with reuse, progress. */
  'display.update': DisplayUpdate,
  /** The form closed: the applicant display returns to its welcome. */
  'display.clear': z.object({}),
  /** A holiday arrangement arrived and open cases' due dates moved: tell the clerk which. */
  'calendar.changed': CalendarChange,
  /** A test host's injected clock was set or advanced: screens re-read the time. */
  'system.clock.changed': z.object({ now: z.string() }),
  /** The hall routed work here, changed this window's role, or revoked it: worklists re-read. */
  'hall.changed': z.object({ caseIds: z.array(z.string()) }),
  /** Something failed in the background and was contained: the clerk is told, work goes on. */
  'system.fault': z.object({ message: z.string() }),
};
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
