/**
 * Each journal event records the version of its type's payload schema (shared/journal). Events
 * written before versions existed are version 1. The hash covers the version only from 2 on, so
 * every hash already computed (here and on the platform) stays valid.
 */
export default /* sql */ `
ALTER TABLE journal ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
`;
