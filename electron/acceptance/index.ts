import type { Workstation } from '../workstation';
import { AcceptanceService } from './service';

export { AcceptanceService, type AcceptanceHost, type AcceptanceOptions } from './service';
export { AcceptanceCatalogs, storeCatalogVersion, storedCatalogVersions } from './catalog-versions';
export { DEFAULT_MAX_UPLOAD_BYTES, storeUpload } from './upload';

const services = new WeakMap<Workstation, AcceptanceService>();

/**
 * The workstation's one acceptance service (it holds the catalog shelf, built once per start).
 * Kept here until the composition root holds it as `ws.acceptance`.
 */
export function acceptanceFor(ws: Workstation): AcceptanceService {
  let service = services.get(ws);
  if (!service) {
    service = new AcceptanceService(ws);
    services.set(ws, service);
  }
  return service;
}
