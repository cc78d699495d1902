/**
 * What this window keeps of other hall windows' work beyond their events (issue 13):
 * - which window sent each replicated event, so case history names the window, not "其他窗口";
 * - the hall's windows by id (name, role), cached for that history and the header offline;
 * - signatures made in a back office, copied from their `decision.signed` event so the
 *   accepting and issuing windows can print and verify them. They live beside `signatures`,
 *   not in it: that table's rows point at this workstation's own leader keys and users, and a
 *   signature made elsewhere has neither here. Append-only like `signatures`.
 */
export default /* sql */ `
ALTER TABLE hall_replicated_events ADD COLUMN workstation_id TEXT;

CREATE TABLE hall_windows (
  workstation_id TEXT PRIMARY KEY,
  window_name TEXT NOT NULL,
  role TEXT NOT NULL,
  department TEXT,
  seen_at TEXT NOT NULL
);

CREATE TABLE hall_signatures (
  id TEXT PRIMARY KEY,
  case_ref TEXT NOT NULL,
  -- NULL when the signing window journaled no content (before session 4): the signature value
  -- still verifies against its hash, the decision text cannot be checked here.
  content_json TEXT,
  content_hash TEXT NOT NULL,
  document_sha256 TEXT NOT NULL,
  signature TEXT NOT NULL,
  public_key TEXT NOT NULL,
  signer_user_id TEXT NOT NULL,
  signer_name TEXT,
  clerk_user_id TEXT,
  signed_at TEXT NOT NULL,
  image_blob TEXT,
  event_id TEXT NOT NULL UNIQUE,
  workstation_id TEXT,
  received_at TEXT NOT NULL
);
CREATE INDEX hall_signatures_case ON hall_signatures(case_ref);

CREATE TRIGGER hall_signatures_no_update BEFORE UPDATE ON hall_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
CREATE TRIGGER hall_signatures_no_delete BEFORE DELETE ON hall_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
`;
