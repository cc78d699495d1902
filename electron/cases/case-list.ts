import type { CaseListRow, CaseStatus } from '../../shared/api/cases';
import { maskIdNumber, maskName } from '../../shared/domain/identifiers';
import type { Db } from '../store/database';

interface Row {
  id: string;
  case_number: string;
  item_name: string;
  department: string;
  project_code: string;
  project_name: string;
  applicant_name: string;
  applicant_id_number: string;
  status: CaseStatus;
  accepted_on: string | null;
  due_on: string | null;
}

/**
 * The clerk's case search. An 18-character ID number or a case number is an exact, indexed
 * look-up; anything else matches names by prefix through the index and by substring otherwise.
 * Rows leave here masked: the full name and number are only on the case page.
 */
export function listCases(db: Db, q: { query: string; status?: CaseStatus | undefined; limit: number; offset: number }): { total: number; rows: CaseListRow[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const query = q.query.trim();
  if (query) {
    if (/^\d{17}[\dXx]$/.test(query)) {
      where.push('c.applicant_id_number = ?');
      params.push(query.toUpperCase());
    } else {
      where.push('(c.case_number = ? OR p.code = ? OR c.applicant_name LIKE ? OR p.name LIKE ? OR c.item_name LIKE ?)');
      const like = `%${query.replace(/[%_]/g, '')}%`;
      params.push(query, query, like, like, like);
    }
  }
  if (q.status) {
    where.push('c.status = ?');
    params.push(q.status);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = `FROM item_cases c JOIN projects p ON p.id = c.project_id ${clause}`;
  const total = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT c.id, c.case_number, c.item_name, c.department, p.code AS project_code, p.name AS project_name,
              c.applicant_name, c.applicant_id_number, c.status, c.accepted_on, c.due_on
       ${from} ORDER BY c.created_at DESC, c.case_number DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit, q.offset) as Row[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      caseNumber: r.case_number,
      itemName: r.item_name,
      department: r.department,
      projectCode: r.project_code,
      projectName: r.project_name,
      applicantName: maskName(r.applicant_name),
      applicantIdNumber: r.applicant_id_number ? maskIdNumber(r.applicant_id_number) : '',
      status: r.status,
      acceptedOn: r.accepted_on,
      dueOn: r.due_on,
    })),
  };
}
