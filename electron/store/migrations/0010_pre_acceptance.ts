/**
 * Pre-acceptance records (issue 11): a 一次性告知 or 不予受理 given at the counter before any case
 * is opened. Kept (and journaled on stream `pre-acceptance:<id>`) so they count in statistics,
 * their documents can be reprinted, and the draft they link to is found when the applicant returns.
 */
export default /* sql */ `
CREATE TABLE pre_acceptance_records (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('one-time-notice', 'rejection')),
  -- ASCII, printed as Code 128 and typed into the search box.
  number TEXT NOT NULL UNIQUE,
  stage INTEGER NOT NULL,
  catalog_version TEXT NOT NULL,
  -- Applicant, project, items, deficiencies or reasons as printed (JSON).
  data TEXT NOT NULL,
  search TEXT NOT NULL DEFAULT '',
  draft_id TEXT,
  created_by TEXT,
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_on TEXT NOT NULL
);
CREATE INDEX pre_acceptance_records_on ON pre_acceptance_records (created_on);
CREATE INDEX pre_acceptance_records_draft ON pre_acceptance_records (draft_id);
`;
