/**
 * Projects, stage applications (one form, one acceptance), item cases (办件, one per approval
 * item) and the case-number blocks of this window. These are projections: the journal is the
 * record, these tables are its current state, updated in the same transaction.
 */
export default /* sql */ `
CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  project_type TEXT,
  land_source TEXT,
  builder_name TEXT,
  builder_uscc TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX projects_name ON projects (name);

CREATE TABLE stage_applications (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  stage INTEGER NOT NULL,
  catalog_version TEXT NOT NULL,
  status TEXT NOT NULL,
  items TEXT NOT NULL DEFAULT '[]',
  form TEXT NOT NULL DEFAULT '{}',
  applicant_name TEXT,
  applicant_id_number TEXT,
  accepted_at TEXT,
  accepted_by TEXT,
  window_number TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX stage_applications_project ON stage_applications (project_id, stage);

CREATE TABLE item_cases (
  id TEXT PRIMARY KEY,
  case_number TEXT NOT NULL UNIQUE,
  application_id TEXT NOT NULL REFERENCES stage_applications (id),
  project_id TEXT NOT NULL REFERENCES projects (id),
  item_code TEXT NOT NULL,
  item_name TEXT NOT NULL,
  department TEXT NOT NULL,
  status TEXT NOT NULL,
  applicant_name TEXT NOT NULL DEFAULT '',
  applicant_id_number TEXT NOT NULL DEFAULT '',
  clerk_id TEXT,
  promised_value INTEGER NOT NULL,
  promised_unit TEXT NOT NULL,
  statutory_value INTEGER,
  accepted_on TEXT,
  due_on TEXT,
  completed_at TEXT,
  clock TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX item_cases_status ON item_cases (status, due_on);
CREATE INDEX item_cases_department ON item_cases (department, status);
CREATE INDEX item_cases_applicant_name ON item_cases (applicant_name);
CREATE INDEX item_cases_applicant_id ON item_cases (applicant_id_number);
CREATE INDEX item_cases_application ON item_cases (application_id);
CREATE INDEX item_cases_project ON item_cases (project_id);
CREATE INDEX item_cases_accepted ON item_cases (accepted_on);

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
