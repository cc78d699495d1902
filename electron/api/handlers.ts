import type { Workstation } from '../workstation';
import type { Handlers } from './dispatch';
import { caseHandlers } from './handlers/cases';
import { deviceHandlers } from './handlers/devices';
import { sessionHandlers } from './handlers/session';
import { settingsHandlers } from './handlers/settings';
import { systemHandlers } from './handlers/system';

/** The one handler map: TypeScript refuses it if any contract method lacks a handler. */
export function createHandlers(ws: Workstation): Handlers {
  return {
    ...systemHandlers(ws),
    ...sessionHandlers(ws),
    ...settingsHandlers(ws),
    ...deviceHandlers(ws),
    ...caseHandlers(ws),
  };
}
