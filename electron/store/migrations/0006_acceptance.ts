/**
 * The acceptance flow's own state: every catalog version an application was (or may be)
 * accepted under, kept as its JSON so a case always reads back under its own version, and the
 * project's material library, where a material received once is linked by later stages.
 */
export default /* sql */ `
-- Immutable once written: a changed catalog must carry a new version number.
CREATE TABLE catalog_versions (
  version TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('resources', 'platform', 'import')),
  added_at TEXT NOT NULL
);

-- One row per material a project holds. Blobs are referenced, never copied; a reuse the clerk
-- rejected (expired, wrong) is marked withdrawn and no longer offered, but stays as evidence.
CREATE TABLE project_materials (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  material_code TEXT NOT NULL,
  material_name TEXT NOT NULL,
  blob_refs TEXT NOT NULL DEFAULT '[]',
  stage INTEGER,
  application_id TEXT REFERENCES stage_applications (id),
  received_on TEXT NOT NULL,
  valid_until TEXT,
  withdrawn_at TEXT,
  withdrawn_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX project_materials_project ON project_materials (project_id, material_code);
`;
