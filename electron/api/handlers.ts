import { withDepartmentScope } from '../cases/department-scope';
import type { CoreServices } from './services';
import type { Handlers } from './dispatch';
import { acceptanceHandlers } from './handlers/acceptance';
import { calendarHandlers } from './handlers/calendar';
import { clockHandlers } from './handlers/clock';
import { captureHandlers } from './handlers/capture';
import { caseHandlers } from './handlers/cases';
import { deviceHandlers } from './handlers/devices';
import { documentHandlers } from './handlers/documents';
import { hallHandlers } from './handlers/hall';
import { idcardHandlers } from './handlers/idcard';
import { preAcceptanceHandlers } from './handlers/pre-acceptance';
import { syncHandlers } from './handlers/sync';
import { ratingHandlers } from './handlers/ratings';
import { sessionHandlers } from './handlers/session';
import { settingsHandlers } from './handlers/settings';
import { signingHandlers } from './handlers/signing';
import { statsHandlers } from './handlers/stats';
import { supervisionHandlers } from './handlers/supervision';
import { systemHandlers } from './handlers/system';

/** The one handler map: TypeScript refuses it if any contract method lacks a handler. */
export function createHandlers(ws: CoreServices): Handlers {
  // Reviewers and leaders act only on their department's cases (electron/cases/department-scope).
  return withDepartmentScope(ws.db, {
    ...systemHandlers(ws),
    ...sessionHandlers(ws),
    ...settingsHandlers(ws),
    ...deviceHandlers(ws),
    ...idcardHandlers(ws),
    ...syncHandlers(ws),
    ...caseHandlers(ws),
    ...signingHandlers(ws),
    ...supervisionHandlers(ws),
    ...statsHandlers(ws),
    ...ratingHandlers(ws),
    ...documentHandlers(ws),
    ...captureHandlers(ws),
    ...acceptanceHandlers(ws),
    ...preAcceptanceHandlers(ws),
    ...calendarHandlers(ws),
    ...clockHandlers(ws),
    ...hallHandlers(ws),
  });
}
