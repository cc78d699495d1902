import { UNIT_CERTIFICATE, type CaseListRow, type CaseStatus } from '../../shared/api/cases';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import { RESIDENT_ID, maskCertificateNumber, maskName } from '../../shared/domain/identifiers';
import { dueEstimated } from './case-calendar';
import type { Db } from '../store/database';

/** Cases a query names exactly: case number, a party's certificate number, the project code. */
const EXACT_IDS = `SELECT id FROM item_cases WHERE case_number = ?
  UNION SELECT id FROM item_cases WHERE agent_id_number = ?
  UNION SELECT id FROM item_cases WHERE applicant_id_number = ?
  UNION SELECT ic.id FROM item_cases ic JOIN projects p ON p.id = ic.project_id WHERE p.code = ?`;

interface Row {
  id: string;
  case_number: string;
  item_name: string;
  department: string;
  project_code: string;
  project_name: string;
  applicant_name: string;
  applicant_id_number: string;
  applicant_certificate_type: string | null;
  agent_name: string;
  agent_certificate_type: string | null;
  agent_id_number: string;
  status: CaseStatus;
  accepted_on: string | null;
  due_on: string | null;
}

/**
 * The clerk's case search: an ID number, a case number or a project code exactly, an applicant
 * by name prefix, a project by any part of its name — all through indexes.
 * Rows leave here masked: the full name and number are only on the case page.
 *
 * What a scanned or typed number finds exactly wins: a query that is some case's number, a
 * project's code or a party's certificate number lists those cases only, through the unique and
 * certificate indexes, without scanning project names for it (as an ID-number-shaped query
 * always has). Only a query that matches nothing exactly searches names and project names.
 */
export function listCases(
  db: Db,
  q: { query: string; status?: CaseStatus | undefined; limit: number; offset: number },
  calendar?: WorkingDayCalendar,
): { total: number; rows: CaseListRow[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const query = q.query.trim();
  if (query) {
    if (/^\d{17}[\dXx]$/.test(query)) {
      where.push(
        'c.id IN (SELECT id FROM item_cases WHERE applicant_id_number = ? UNION SELECT id FROM item_cases WHERE agent_id_number = ?)',
      );
      params.push(query.toUpperCase(), query.toUpperCase());
    } else {
      const compact = query.replace(/\s+/g, '').toUpperCase();
      const exactParams = [query.toUpperCase(), compact, compact, query];
      if (
        db
          .prepare(`SELECT EXISTS (${EXACT_IDS})`)
          .pluck()
          .get(...exactParams) === 1
      ) {
        where.push(`c.id IN (${EXACT_IDS})`);
        params.push(...exactParams);
      } else {
        // Each branch is an indexed look-up: the applicant's or agent's name by prefix (how
        // clerks search: the full name or the surname); the project name by substring is one
        // scan of the much smaller projects table, done once here rather than in both the
        // count and the page query.
        const like = `%${query.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
        const projectIds = db.prepare("SELECT id FROM projects WHERE name LIKE ? ESCAPE '\\'").pluck().all(like) as string[];
        where.push(`c.id IN (
          SELECT id FROM item_cases WHERE applicant_name >= ? AND applicant_name < ?
          UNION SELECT id FROM item_cases WHERE agent_name >= ? AND agent_name < ?
          UNION SELECT id FROM item_cases WHERE project_id IN (SELECT value FROM json_each(?)))`);
        params.push(query, query + '\uffff', query, query + '\uffff', JSON.stringify(projectIds));
      }
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
              c.applicant_name, c.applicant_id_number, c.applicant_certificate_type, c.agent_name, c.agent_certificate_type, c.agent_id_number, c.status, c.accepted_on, c.due_on
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
      // A unit's name and 统一社会信用代码 are public register data; a person's are masked.
      applicantName: r.applicant_certificate_type === UNIT_CERTIFICATE ? r.applicant_name : maskName(r.applicant_name),
      applicantIdNumber: r.applicant_id_number
        ? r.applicant_certificate_type === UNIT_CERTIFICATE
          ? r.applicant_id_number
          : maskCertificateNumber(r.applicant_id_number)
        : '',
      applicantCertificateType: r.applicant_certificate_type ?? RESIDENT_ID,
      agentName: r.agent_name ? maskName(r.agent_name) : null,
      agentCertificateType: r.agent_name ? (r.agent_certificate_type ?? RESIDENT_ID) : null,
      agentIdNumber: r.agent_id_number ? maskCertificateNumber(r.agent_id_number) : null,
      status: r.status,
      acceptedOn: r.accepted_on,
      dueOn: r.due_on,
      dueEstimated: dueEstimated(calendar, r.accepted_on, r.due_on),
    })),
  };
}
