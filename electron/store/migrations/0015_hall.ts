/**
 * The workstation as a window of a hall (issue 13): the assignment the hall gave it at enrolment
 * (role and department: counter, a department's back office, or issuing), the cases the hall
 * routed to it (the worklist), the other windows' events it replicated into its projections,
 * and the project libraries it pulled. Replicated events are never put into this workstation's
 * own journal: that chain is what this window did; the hall holds every window's chain.
 */
export default /* sql */ `
CREATE TABLE hall_assignment (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hall_url TEXT NOT NULL,
  workstation_id TEXT NOT NULL,
  hall_name TEXT NOT NULL,
  hall_code TEXT NOT NULL,
  window_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('counter', 'back-office', 'issuing')),
  department TEXT,
  enrolled_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revoked_at TEXT
);

-- One row per case the hall routed here; a later routing of the same case replaces the reason.
CREATE TABLE hall_routes (
  case_id TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  route_id TEXT NOT NULL,
  case_number TEXT,
  item_name TEXT,
  department TEXT,
  accepted_by TEXT,
  holder TEXT,
  from_workstation TEXT,
  note TEXT,
  routed_at TEXT NOT NULL,
  applied_at TEXT,
  problem TEXT
);
CREATE INDEX hall_routes_reason ON hall_routes (reason, routed_at);

-- Events of other windows applied to this window's projections (idempotency by event id).
CREATE TABLE hall_replicated_events (
  id TEXT PRIMARY KEY,
  stream TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  actor TEXT,
  at TEXT NOT NULL,
  hash TEXT NOT NULL,
  applied_at TEXT NOT NULL
);
CREATE INDEX hall_replicated_events_stream ON hall_replicated_events (stream);

CREATE TABLE hall_project_libraries (
  project_code TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  received_at TEXT NOT NULL
);

-- Blobs other windows received that a replicated case or project names; fetched from the hall.
CREATE TABLE hall_blob_fetches (
  sha256 TEXT PRIMARY KEY,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  fetched_at TEXT,
  requested_at TEXT NOT NULL
);
`;
