/**
 * Supervision board indexes for keyset paging (issue 14). The board orders open cases by
 * (paused, due_on, case_number) — running clocks first, unknown due dates first among them, then
 * by due date, then by case number (unique) — so a page continues after the last row it showed instead of
 * skipping an OFFSET. With paused before due_on, each level is one contiguous index range: the
 * five level counts and a level's page read the index only. The earlier board indexes put paused
 * last and are replaced, so acceptance does not maintain both.
 */
export default /* sql */ `
DROP INDEX IF EXISTS item_cases_board;
DROP INDEX IF EXISTS item_cases_board_department;
DROP INDEX IF EXISTS item_cases_board_clerk;
CREATE INDEX item_cases_board_keyset ON item_cases (supervised, paused, due_on, case_number);
CREATE INDEX item_cases_board_keyset_department ON item_cases (supervised, department, paused, due_on, case_number);
CREATE INDEX item_cases_board_keyset_clerk ON item_cases (supervised, clerk_id, paused, due_on, case_number);
`;
