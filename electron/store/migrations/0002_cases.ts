/** Projects, stage applications, item cases and the case-number blocks of this window. */
export default /* sql */ `
-- Case numbers come from blocks reserved for this window: a local block until the platform
-- issues blocks. A number once handed out is never reused (next only moves forward).
CREATE TABLE case_number_blocks (
  id INTEGER PRIMARY KEY,
  prefix TEXT NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL,
  next INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('local', 'platform')),
  received_at TEXT NOT NULL,
  UNIQUE (prefix, first)
);
`;
