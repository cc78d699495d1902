/**
 * Holiday arrangements an administrator imported from the State Council notice's text (issue
 * 10), and the record of each recomputation of open deadlines, so the clerk can still read
 * which dates moved after the notice on screen has been closed.
 */
export default /* sql */ `
CREATE TABLE calendar_imports (
  year INTEGER PRIMARY KEY,
  data TEXT NOT NULL,
  notice_text TEXT NOT NULL,
  imported_by TEXT,
  imported_at TEXT NOT NULL
);

CREATE TABLE calendar_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  reason TEXT NOT NULL,
  moved TEXT NOT NULL
);
`;
