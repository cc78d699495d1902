/** Sync state (owned by electron/sync). */
export default /* sql */ `
-- Events the platform has not acknowledged yet. Filled by a trigger in the same transaction as
-- the journal append, so an event can never be committed without being queued. Only sync's own
-- bookkeeping moves here; the journal itself is never touched by sync.
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY REFERENCES journal (seq),
  stream TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_attempt_at TEXT,
  parked_at TEXT
);
CREATE INDEX sync_outbox_stream ON sync_outbox (stream, seq);
CREATE INDEX sync_outbox_parked ON sync_outbox (stream) WHERE parked_at IS NOT NULL;

CREATE TRIGGER sync_outbox_enqueue AFTER INSERT ON journal
BEGIN INSERT INTO sync_outbox (seq, stream) VALUES (NEW.seq, NEW.stream); END;

INSERT INTO sync_outbox (seq, stream) SELECT seq, stream FROM journal;

-- One row per event the platform acknowledged explicitly, with its receipt.
CREATE TABLE sync_acks (
  seq INTEGER PRIMARY KEY REFERENCES journal (seq),
  event_id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL,
  stream_seq INTEGER NOT NULL,
  receipt TEXT NOT NULL,
  acked_at TEXT NOT NULL
);
CREATE INDEX sync_acks_stream ON sync_acks (stream, stream_seq);

-- Blobs the platform has confirmed holding completely (hash verified there).
CREATE TABLE sync_blobs_on_platform (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  confirmed_at TEXT NOT NULL
);

-- Feed cursor, last success, last error, clock offset: small key/value state of the relay.
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- What the platform published, kept as received; upserts make a replayed feed page harmless.
CREATE TABLE platform_catalogs (
  version TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  published_at TEXT NOT NULL,
  received_at TEXT NOT NULL
);

CREATE TABLE platform_calendars (
  year INTEGER PRIMARY KEY,
  data TEXT NOT NULL,
  received_at TEXT NOT NULL
);

CREATE TABLE platform_elicences (
  identifier TEXT PRIMARY KEY,
  holder_id TEXT NOT NULL,
  licence_type TEXT NOT NULL,
  valid_until TEXT,
  data TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX platform_elicences_holder ON platform_elicences (holder_id);

CREATE TABLE routed_cases (
  case_id TEXT PRIMARY KEY,
  project_code TEXT NOT NULL,
  item_code TEXT NOT NULL,
  data TEXT NOT NULL,
  routed_at TEXT NOT NULL,
  received_at TEXT NOT NULL
);
`;
