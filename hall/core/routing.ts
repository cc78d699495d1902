import { randomUUID } from 'node:crypto';
import type { WireEvent } from '../../electron/sync/wire';
import type { RouteReason, RoutedCaseData } from '../../shared/protocol';
import type { SqlRunner } from '../store/sql';
import { field, payloadOf, streamEvents } from './case-events';
import type { Publication } from './feed';
import { acceptInBulk, relatedStreams } from './accepted-batch';
import { projectsChanged } from './library';

/**
 * 一窗受理、分类审批、统一出件: what the hall does with the events it accepted, in the same
 * transaction (an accepted event is never left unrouted). It keeps its own view of each case
 * (hall_cases: board, statistics, project libraries) and routes cases between windows:
 * accepted → the department's back offices; decided/signed → the holding window; signed →
 * the issuing windows. Unknown event types are stored and route nothing.
 */
interface CaseRow {
  case_id: string;
  project_code: string | null;
  item_code: string | null;
  item_name: string | null;
  case_number: string | null;
  department: string | null;
  accepted_by: string | null;
  holder: string | null;
  application_id: string | null;
  project_id: string | null;
}

const FROM_BACK_OFFICE = new Set(['case.decided', 'case.signed', 'decision.signed', 'case.rejected', 'case.returned']);
const STATUS_OF: Record<string, string> = {
  'case.correction-requested': 'correction',
  'case.supplemented': 'accepted',
  'case.suspended': 'suspended',
  'case.special-procedure-started': 'special-procedure',
  'case.decided': 'decided',
  'case.signed': 'signed',
  'decision.signed': 'signed',
  'case.rejected': 'rejected',
  'case.returned': 'returned',
  'case.withdrawn': 'withdrawn',
  'case.issued': 'completed',
};

/** `fresh`: streams whose every event the hall holds is among `events` (routing builds them from the batch). */
export async function routeAccepted(
  tx: SqlRunner,
  workstation: string,
  events: readonly WireEvent[],
  at: string,
  fresh: ReadonlySet<string> = new Set(),
): Promise<Publication[]> {
  // Acceptance (and project events) in bulk; the rest one by one, in journal order.
  const bulk = await acceptInBulk(tx, workstation, events, at, fresh);
  const out: Publication[] = [...bulk.publications];
  const changedProjects = bulk.changedProjects;
  for (const e of events) {
    if (e.stream.startsWith('project:') || e.type === 'case.accepted') continue;
    const payload = payloadOf(e);
    if (e.type === 'rating.submitted') {
      await recordRating(tx, e, payload, workstation);
      continue;
    }
    if (!e.stream.startsWith('case:')) continue;
    const caseId = e.stream.slice('case:'.length);
    const c = await caseRow(tx, caseId);
    if (!c) continue; // an event of a case the hall never saw accepted (older data): stored only
    await updateCase(tx, c, e, payload, at);
    if (c.project_code && (e.type === 'case.supplemented' || e.type === 'case.issued' || e.type in STATUS_OF))
      changedProjects.add(c.project_code);
    if (e.type === 'case.supplemented')
      out.push(...(await routeCase(tx, caseId, 'review', await backOffices(tx, c.department), workstation, null, at)));
    if (FROM_BACK_OFFICE.has(e.type) && c.holder && c.holder !== workstation)
      out.push(...(await routeCase(tx, caseId, 'decided', [c.holder], workstation, null, at)));
    if ((e.type === 'case.signed' || e.type === 'decision.signed') && field(payload, 'decision') !== 'deny') {
      out.push(...(await routeCase(tx, caseId, 'issue', await issuingWindows(tx), workstation, null, at)));
    }
  }
  out.push(...(await projectsChanged(tx, [...changedProjects], workstation, at)));
  return out;
}

async function caseRow(tx: SqlRunner, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await tx.query<CaseRow>(
    'SELECT case_id, project_code, item_code, item_name, case_number, department, accepted_by, holder, application_id, project_id FROM hall_cases WHERE case_id = $1',
    [caseId],
  );
  return row;
}

async function addMaterials(
  tx: SqlRunner,
  caseId: string,
  e: WireEvent,
  p: Record<string, unknown>,
  projectCode: string | null,
  at: string,
): Promise<void> {
  const materials = Array.isArray(p.materials) ? (p.materials as unknown[]) : [];
  if (!projectCode || materials.length === 0) return;
  const refsOf = (m: unknown): string[] => {
    const refs = (m as { blobRefs?: unknown } | null)?.blobRefs;
    return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
  };
  await tx.query(
    `INSERT INTO project_materials (case_id, event_id, idx, project_code, ref, blob_refs, received_at)
     SELECT $1, $2, i, $3, r, b, $4 FROM unnest($5::int[], $6::text[], $7::text[]) AS u(i, r, b) ON CONFLICT DO NOTHING`,
    [
      caseId,
      e.id,
      projectCode,
      at,
      materials.map((_, i) => i),
      materials.map((m) => JSON.stringify(m)),
      materials.map((m) => JSON.stringify(refsOf(m))),
    ],
  );
}

async function updateCase(tx: SqlRunner, c: CaseRow, e: WireEvent, p: Record<string, unknown>, at: string): Promise<void> {
  const status = STATUS_OF[e.type];
  if (e.type === 'case.supplemented') await addMaterials(tx, c.case_id, e, p, c.project_code, at);
  if (e.type === 'case.correction-requested') {
    await tx.query('UPDATE hall_cases SET corrections = corrections + 1, status = $2, updated_at = $3 WHERE case_id = $1', [
      c.case_id,
      status ?? 'correction',
      at,
    ]);
    return;
  }
  if (e.type === 'case.decided') {
    await tx.query('UPDATE hall_cases SET decision = $2, status = $3, updated_at = $4 WHERE case_id = $1', [
      c.case_id,
      field(p, 'decision'),
      'decided',
      at,
    ]);
    return;
  }
  if (e.type === 'case.issued') {
    const onTime = typeof p.onTime === 'boolean' ? p.onTime : null;
    await tx.query(
      'UPDATE hall_cases SET status = $2, completed_on = $3, on_time = $4, document_number = $5, elicence_id = $6, decision = COALESCE($7, decision), updated_at = $8 WHERE case_id = $1',
      [
        c.case_id,
        'completed',
        field(p, 'completedOn') ?? e.at.slice(0, 10),
        onTime,
        field(p, 'documentNumber'),
        field(p, 'elicenceId'),
        field(p, 'decision'),
        at,
      ],
    );
    const licence = field(p, 'elicenceId');
    if (licence) {
      await tx.query(
        `INSERT INTO elicences (identifier, case_id, project_code, holder_id, licence_type, valid_until, document_number, data) VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)
         ON CONFLICT (identifier) DO UPDATE SET case_id = excluded.case_id, project_code = excluded.project_code, valid_until = excluded.valid_until, document_number = excluded.document_number`,
        [licence, c.case_id, c.project_code, c.item_name, field(p, 'validUntil'), field(p, 'documentNumber'), e.payload],
      );
    }
    return;
  }
  if (status) await tx.query('UPDATE hall_cases SET status = $2, updated_at = $3 WHERE case_id = $1', [c.case_id, status, at]);
}

async function recordRating(tx: SqlRunner, e: WireEvent, p: Record<string, unknown>, workstation: string): Promise<void> {
  const level = typeof p.level === 'number' ? p.level : Number(p.level);
  if (!Number.isInteger(level)) return;
  const numbers = Array.isArray(p.caseNumbers) ? p.caseNumbers.filter((n): n is string => typeof n === 'string') : [];
  const visit = field(p, 'visitId');
  const rated = numbers.length ? numbers : [null];
  // The rated case's department, item, window, clerk and acceptance day travel with the rating
  // (statistics read one month of ratings by index); a case the hall has not seen yet fills
  // them when it arrives (accepted-batch.ts).
  await tx.query(
    `INSERT INTO ratings (event_id, visit_id, level, case_number, workstation, rated_on, case_id, department, item_code, item_name, accepted_by, clerk, accepted_on)
     SELECT u.eid, $3, $4, u.num, $5, $6, c.case_id, c.department, c.item_code, c.item_name, c.accepted_by, c.clerk, c.accepted_on
     FROM unnest($1::varchar[], $2::varchar[]) WITH ORDINALITY AS u(eid, num, n)
       LEFT JOIN LATERAL (SELECT case_id, department, item_code, item_name, accepted_by, clerk, accepted_on FROM hall_cases h WHERE h.case_number = u.num ORDER BY h.case_id LIMIT 1) AS c ON TRUE
     ORDER BY u.n
     ON CONFLICT DO NOTHING`,
    [rated.map((_, i) => (i === 0 ? e.id : `${e.id}#${i}`)), rated as string[], visit, level, workstation, e.at.slice(0, 10)],
  );
}

async function backOffices(tx: SqlRunner, department: string | null): Promise<string[]> {
  if (!department) return [];
  return (
    await tx.query<{ id: string }>(
      "SELECT id FROM workstations WHERE role = 'back-office' AND department = $1 AND revoked_at IS NULL ORDER BY id",
      [department],
    )
  ).map((r) => r.id);
}

async function issuingWindows(tx: SqlRunner): Promise<string[]> {
  return (await tx.query<{ id: string }>("SELECT id FROM workstations WHERE role = 'issuing' AND revoked_at IS NULL ORDER BY id")).map(
    (r) => r.id,
  );
}

/** Publishes the case (its whole stream) to `targets` but never back to the window it came from. */
export async function routeCase(
  tx: SqlRunner,
  caseId: string,
  reason: RouteReason,
  targets: readonly string[],
  from: string,
  note: string | null,
  at: string,
): Promise<Publication[]> {
  const to = targets.filter((t) => t !== from);
  if (to.length === 0) return [];
  const c = await caseRow(tx, caseId);
  if (!c) return [];
  const data: RoutedCaseData = {
    reason,
    routeId: randomUUID(),
    caseNumber: c.case_number,
    itemName: c.item_name,
    department: c.department,
    acceptedBy: c.accepted_by,
    holder: c.holder,
    fromWorkstation: from,
    note,
    events: await streamEvents(tx, relatedStreams(caseId, c.application_id, c.project_id)),
  };
  const item = {
    kind: 'routed-case' as const,
    caseId,
    projectCode: c.project_code ?? '-',
    itemCode: c.item_code ?? '-',
    routedAt: at,
    data,
  };
  return to.map((workstation) => ({ item, workstation }));
}
