import type { Sql } from './sql';

/**
 * Numbered hall migrations. Stream positions are per (workstation, stream): each window's journal
 * numbers its own events of a case from 1 (its hash chain is its own), and a case's hall-wide
 * history is all windows' events of the stream in receipt order.
 * Plain SQL that PostgreSQL 12+ accepts and that avoids extensions,
 * so openGauss and KingbaseES (PostgreSQL-derived) run them unchanged (README: what was checked).
 * Dates are ISO text: the workstation journals them that way and text sorts like time.
 * A migration is applied once, in one transaction, recorded in hall_migrations.
 */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'protocol',
    sql: `
CREATE TABLE hall_settings (key VARCHAR(100) PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE workstations (
  id VARCHAR(100) PRIMARY KEY,
  secret VARCHAR(64) NOT NULL,
  window_name VARCHAR(40) NOT NULL,
  role VARCHAR(20) NOT NULL,
  department VARCHAR(60),
  enrolled_at VARCHAR(40) NOT NULL,
  revoked_at VARCHAR(40),
  last_contact_at VARCHAR(40),
  queued INTEGER,
  last_event_at VARCHAR(40),
  lag_ms BIGINT
);
CREATE TABLE enrolment_codes (
  code_hash VARCHAR(64) PRIMARY KEY,
  window_name VARCHAR(40) NOT NULL,
  role VARCHAR(20) NOT NULL,
  department VARCHAR(60),
  created_at VARCHAR(40) NOT NULL,
  expires_at VARCHAR(40) NOT NULL,
  used_at VARCHAR(40),
  workstation_id VARCHAR(100)
);
CREATE TABLE streams (
  workstation VARCHAR(100) NOT NULL,
  stream VARCHAR(200) NOT NULL,
  checkpoint BIGINT NOT NULL,
  last_event_id VARCHAR(100),
  last_received_at VARCHAR(40),
  PRIMARY KEY (workstation, stream)
);
CREATE TABLE events (
  receipt BIGSERIAL PRIMARY KEY,
  id VARCHAR(100) NOT NULL UNIQUE,
  workstation VARCHAR(100) NOT NULL,
  ws_seq BIGINT NOT NULL,
  stream VARCHAR(200) NOT NULL,
  stream_seq BIGINT NOT NULL,
  type VARCHAR(100) NOT NULL,
  payload TEXT NOT NULL,
  actor VARCHAR(100),
  at VARCHAR(40) NOT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL,
  received_at VARCHAR(40) NOT NULL,
  UNIQUE (workstation, stream, stream_seq)
);
CREATE INDEX events_ws ON events (workstation, ws_seq);
CREATE INDEX events_stream ON events (stream, receipt);
CREATE TABLE blobs (
  sha256 CHAR(64) PRIMARY KEY,
  size BIGINT NOT NULL,
  next_offset BIGINT NOT NULL,
  complete BOOLEAN NOT NULL,
  updated_at VARCHAR(40) NOT NULL
);
CREATE TABLE blob_chunks (
  sha256 CHAR(64) NOT NULL,
  start_offset BIGINT NOT NULL,
  bytes BYTEA NOT NULL,
  PRIMARY KEY (sha256, start_offset)
);
CREATE TABLE feed_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, epoch VARCHAR(40) NOT NULL);
INSERT INTO feed_head (id, seq, epoch) VALUES (1, 0, 'e1');
CREATE TABLE feed (
  seq BIGINT PRIMARY KEY,
  workstation VARCHAR(100),
  body TEXT NOT NULL,
  created_at VARCHAR(40) NOT NULL
);
CREATE INDEX feed_ws ON feed (workstation, seq);
CREATE TABLE checkpoints (
  workstation VARCHAR(100) NOT NULL,
  seq BIGINT NOT NULL,
  count BIGINT NOT NULL,
  head CHAR(64) NOT NULL,
  at VARCHAR(40) NOT NULL,
  received_at VARCHAR(40) NOT NULL,
  PRIMARY KEY (workstation, seq)
);
`,
  },
  {
    version: 2,
    name: 'hall',
    sql: `
CREATE TABLE hall_cases (
  case_id VARCHAR(100) PRIMARY KEY,
  case_number VARCHAR(60),
  project_code VARCHAR(100),
  item_code VARCHAR(60),
  item_name VARCHAR(200),
  department VARCHAR(60),
  accepted_by VARCHAR(100),
  holder VARCHAR(100),
  clerk VARCHAR(100),
  status VARCHAR(30) NOT NULL,
  accepted_on VARCHAR(10),
  due_on VARCHAR(10),
  completed_on VARCHAR(10),
  on_time BOOLEAN,
  decision VARCHAR(20),
  document_number VARCHAR(100),
  elicence_id VARCHAR(100),
  application_id VARCHAR(100),
  project_id VARCHAR(100),
  corrections INTEGER NOT NULL DEFAULT 0,
  updated_at VARCHAR(40) NOT NULL
);
CREATE INDEX hall_cases_board ON hall_cases (accepted_on, case_id);
CREATE INDEX hall_cases_project ON hall_cases (project_code);
CREATE INDEX hall_cases_number ON hall_cases (case_number);
CREATE TABLE project_materials (
  case_id VARCHAR(100) NOT NULL,
  event_id VARCHAR(100) NOT NULL,
  idx INTEGER NOT NULL,
  project_code VARCHAR(100) NOT NULL,
  ref TEXT NOT NULL,
  blob_refs TEXT NOT NULL,
  received_at VARCHAR(40) NOT NULL,
  PRIMARY KEY (event_id, idx)
);
CREATE INDEX project_materials_project ON project_materials (project_code);
CREATE TABLE elicences (
  identifier VARCHAR(100) PRIMARY KEY,
  case_id VARCHAR(100),
  project_code VARCHAR(100),
  holder_id VARCHAR(64),
  licence_type VARCHAR(100),
  valid_until VARCHAR(40),
  document_number VARCHAR(100),
  data TEXT NOT NULL
);
CREATE INDEX elicences_holder ON elicences (holder_id);
CREATE INDEX elicences_project ON elicences (project_code);
CREATE TABLE projects (
  project_code VARCHAR(100) PRIMARY KEY,
  version BIGINT NOT NULL,
  updated_at VARCHAR(40) NOT NULL
);
CREATE TABLE project_streams (
  project_code VARCHAR(100) NOT NULL,
  stream VARCHAR(200) NOT NULL,
  PRIMARY KEY (project_code, stream)
);
CREATE TABLE project_subscribers (
  project_code VARCHAR(100) NOT NULL,
  workstation VARCHAR(100) NOT NULL,
  PRIMARY KEY (project_code, workstation)
);
CREATE TABLE ratings (
  event_id VARCHAR(100) PRIMARY KEY,
  visit_id VARCHAR(100),
  level INTEGER NOT NULL,
  case_number VARCHAR(60),
  workstation VARCHAR(100) NOT NULL,
  rated_on VARCHAR(10) NOT NULL
);
CREATE INDEX ratings_case ON ratings (case_number);
CREATE TABLE handovers (
  id VARCHAR(100) PRIMARY KEY,
  case_id VARCHAR(100) NOT NULL,
  from_workstation VARCHAR(100) NOT NULL,
  to_workstation VARCHAR(100) NOT NULL,
  note VARCHAR(200),
  handed_at VARCHAR(40) NOT NULL
);
CREATE TABLE hall_journal (
  seq BIGSERIAL PRIMARY KEY,
  type VARCHAR(60) NOT NULL,
  subject VARCHAR(200) NOT NULL,
  payload TEXT NOT NULL,
  actor VARCHAR(100) NOT NULL,
  at VARCHAR(40) NOT NULL
);
CREATE TABLE case_number_counters (prefix VARCHAR(30) PRIMARY KEY, next_number BIGINT NOT NULL);
CREATE TABLE case_number_blocks (
  prefix VARCHAR(30) NOT NULL,
  first_number BIGINT NOT NULL,
  last_number BIGINT NOT NULL,
  workstation VARCHAR(100) NOT NULL,
  issued_at VARCHAR(40) NOT NULL,
  PRIMARY KEY (prefix, first_number)
);
`,
  },
  {
    version: 3,
    name: 'board-by-department',
    // The board filtered by department pages by keyset within the department (5,000,000 cases:
    // seconds without it).
    sql: `CREATE INDEX hall_cases_department_board ON hall_cases (department, accepted_on, case_id)`,
  },
  {
    version: 4,
    name: 'feed-outbox-and-nonces',
    // feed_outbox: routing writes its items here inside the events transaction, without the
    // feed_head lock or a NOTIFY (PostgreSQL serialises every notifying commit, fsync included,
    // on one global lock); a pump moves them into the feed in commit order, many transactions at
    // a time (hall/core/feed-pump.ts). request_nonces: request nonces survive a hall restart,
    // so a captured request cannot be replayed inside the timestamp window after it.
    sql: `
CREATE TABLE feed_outbox (
  id BIGSERIAL PRIMARY KEY,
  workstation VARCHAR(100),
  body TEXT NOT NULL,
  created_at VARCHAR(40) NOT NULL
);
CREATE TABLE request_nonces (
  workstation VARCHAR(100) NOT NULL,
  nonce VARCHAR(64) NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (workstation, nonce)
);
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at)
`,
  },
  {
    version: 5,
    name: 'ratings-carry-their-case',
    // Statistics group 好差评 by the rated case's department, item, window and clerk for cases
    // accepted in a month: a rating now carries those (set when the rating arrives, or when its
    // case arrives later) so a month is one index range on ratings, not a join over every case.
    // Both month indexes hold every column the statistics read, so a month (420,000 cases of a
    // large city's year) is an index-only range scan instead of reading the whole table, where a
    // month's cases lie scattered among the year's. Plain multi-column indexes (no INCLUDE) so
    // PostgreSQL-derived engines take them unchanged.
    sql: `
ALTER TABLE ratings ADD COLUMN case_id VARCHAR(100);
ALTER TABLE ratings ADD COLUMN department VARCHAR(60);
ALTER TABLE ratings ADD COLUMN item_code VARCHAR(60);
ALTER TABLE ratings ADD COLUMN item_name VARCHAR(200);
ALTER TABLE ratings ADD COLUMN accepted_by VARCHAR(100);
ALTER TABLE ratings ADD COLUMN clerk VARCHAR(100);
ALTER TABLE ratings ADD COLUMN accepted_on VARCHAR(10);
UPDATE ratings SET case_id = c.case_id, department = c.department, item_code = c.item_code, item_name = c.item_name,
  accepted_by = c.accepted_by, clerk = c.clerk, accepted_on = c.accepted_on
  FROM hall_cases c WHERE c.case_number = ratings.case_number;
CREATE INDEX ratings_month ON ratings (accepted_on, department, item_name, item_code, accepted_by, clerk, level);
CREATE INDEX hall_cases_month ON hall_cases (accepted_on, department, item_name, item_code, accepted_by, clerk, completed_on, on_time, corrections)
`,
  },
  {
    version: 6,
    name: 'events-without-window-sequence-index',
    // events_ws (workstation, ws_seq) served no hall query: the hall reads events by id, by
    // stream (events_stream) and by window and stream (the position constraint). Only the test
    // platform's inspection lists a window's events in its journal order, over a test's few
    // hundred rows. Every accepted event paid for a fifth index entry (CPU, WAL and cache).
    sql: `DROP INDEX IF EXISTS events_ws`,
  },
  {
    version: 7,
    name: 'event-version',
    // The hall checked an event's hash with its schema version but did not keep the version, so
    // the events it hands to other windows (routing, project pulls) could not be re-verified or
    // upgraded there: from version 2 on the version is part of the hash (electron/store/journal.ts).
    // Events held before this were all checked as sent; those without a version were version 1.
    sql: `ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1`,
  },
];

export const LATEST_MIGRATION = MIGRATIONS.at(-1)?.version ?? 0;

/** Applies the migrations not yet applied, up to `target` (data tests stop before the one they test). */
export async function migrate(sql: Sql, target = LATEST_MIGRATION): Promise<number[]> {
  await sql.query(
    'CREATE TABLE IF NOT EXISTS hall_migrations (version INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, applied_at VARCHAR(40) NOT NULL)',
  );
  const applied: number[] = [];
  for (const m of MIGRATIONS.filter((x) => x.version <= target)) {
    const done = await sql.query('SELECT 1 FROM hall_migrations WHERE version = $1', [m.version]);
    if (done.length > 0) continue;
    await sql.transaction(async (tx) => {
      // Two hall processes starting together: the second waits here and finds it done.
      const again = await tx.query('SELECT 1 FROM hall_migrations WHERE version = $1', [m.version]);
      if (again.length > 0) return;
      for (const statement of m.sql
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean))
        await tx.query(statement);
      await tx.query('INSERT INTO hall_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    });
    applied.push(m.version);
  }
  return applied;
}
