export { AcceptanceService, type AcceptanceHost, type AcceptanceOptions } from './service';
export { AcceptanceCatalogs, storeCatalogVersion, storedCatalogVersions } from './catalog-versions';
export { DEFAULT_MAX_UPLOAD_BYTES, storeUpload } from './upload';
