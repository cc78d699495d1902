/**
 * The case lifecycle after acceptance: facts the state machine and the supervision board read
 * per case (as columns, so 100,000 cases filter in SQL), the full lifecycle record as JSON,
 * fees, drafts, and 好差评 visits with their follow-ups. Additive only: item_cases gains columns.
 */
export default /* sql */ `
ALTER TABLE item_cases ADD COLUMN supervised INTEGER NOT NULL DEFAULT 0;
ALTER TABLE item_cases ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE item_cases ADD COLUMN resume_status TEXT;
ALTER TABLE item_cases ADD COLUMN fee_allowed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE item_cases ADD COLUMN deficiency_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE item_cases ADD COLUMN deficiency_due_on TEXT;
ALTER TABLE item_cases ADD COLUMN had_correction INTEGER NOT NULL DEFAULT 0;
ALTER TABLE item_cases ADD COLUMN decision TEXT;
ALTER TABLE item_cases ADD COLUMN signature_id TEXT;
ALTER TABLE item_cases ADD COLUMN completed_on TEXT;
ALTER TABLE item_cases ADD COLUMN on_time INTEGER;
ALTER TABLE item_cases ADD COLUMN handling_workdays INTEGER;
-- Correction notice, 容缺 commitment, special procedures, extensions with approvers, decision,
-- issuance: what the case page shows, validated by a zod schema on every read.
ALTER TABLE item_cases ADD COLUMN record TEXT NOT NULL DEFAULT '{}';

-- Covering the board's level (paused, due_on): counting 100,000 cases by level reads the index only.
CREATE INDEX item_cases_board ON item_cases (supervised, due_on, paused);
CREATE INDEX item_cases_board_department ON item_cases (supervised, department, due_on, paused);
CREATE INDEX item_cases_board_clerk ON item_cases (supervised, clerk_id, due_on, paused);
CREATE INDEX item_cases_deficiency ON item_cases (deficiency_open, deficiency_due_on);
CREATE INDEX item_cases_completed ON item_cases (completed_on);

ALTER TABLE stage_applications ADD COLUMN mode TEXT NOT NULL DEFAULT 'accept';
ALTER TABLE stage_applications ADD COLUMN parties TEXT NOT NULL DEFAULT '{}';
ALTER TABLE stage_applications ADD COLUMN materials TEXT NOT NULL DEFAULT '[]';

CREATE TABLE case_fees (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES item_cases (id),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  basis TEXT NOT NULL,
  payment_ref TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT
);
CREATE INDEX case_fees_case ON case_fees (case_id);

-- Unfinished applications the clerk parked; not journaled (nothing was accepted yet).
CREATE TABLE application_drafts (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  data TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- 好差评: one rating per visit (一次一评), tied to the case numbers handled in that visit.
CREATE TABLE rating_visits (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
  opened_by TEXT,
  opened_at TEXT NOT NULL,
  rated_on TEXT,
  level INTEGER,
  indicators TEXT,
  comment TEXT,
  submitted_at TEXT
);
CREATE INDEX rating_visits_status ON rating_visits (status);
CREATE INDEX rating_visits_rated ON rating_visits (rated_on);

CREATE TABLE rating_cases (
  visit_id TEXT NOT NULL REFERENCES rating_visits (id),
  case_id TEXT NOT NULL REFERENCES item_cases (id),
  PRIMARY KEY (visit_id, case_id)
);
CREATE INDEX rating_cases_case ON rating_cases (case_id);

CREATE TABLE rating_follow_ups (
  id TEXT PRIMARY KEY,
  visit_id TEXT NOT NULL UNIQUE REFERENCES rating_visits (id),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  due_on TEXT,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT,
  note TEXT
);
CREATE INDEX rating_follow_ups_status ON rating_follow_ups (status, due_on);
`;
