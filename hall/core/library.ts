import type { LibraryCase, LibraryMaterial, ProjectLibraryItem } from '../../shared/protocol';
import type { SqlRunner } from '../store/sql';
import { streamEvents } from './case-events';
import type { Publication } from './feed';

/**
 * One project, any window (一个项目，任一窗口): what the hall holds of a project — every stage's
 * case, the materials received at any window, the e-licences issued — as one feed item.
 */
export async function projectLibrary(tx: SqlRunner, projectCode: string, at: string): Promise<ProjectLibraryItem> {
  const [project] = await tx.query<{ version: number }>('SELECT version FROM projects WHERE project_code = $1', [projectCode]);
  const cases = await tx.query<{
    case_id: string;
    case_number: string | null;
    item_code: string | null;
    item_name: string | null;
    department: string | null;
    status: string;
    accepted_by: string | null;
    accepted_on: string | null;
    decision: string | null;
    completed_on: string | null;
    document_number: string | null;
    elicence_id: string | null;
  }>(
    'SELECT case_id, case_number, item_code, item_name, department, status, accepted_by, accepted_on, decision, completed_on, document_number, elicence_id FROM hall_cases WHERE project_code = $1 ORDER BY accepted_on, case_id',
    [projectCode],
  );
  const materials = await tx.query<{ case_id: string; ref: string; blob_refs: string; received_at: string }>(
    'SELECT case_id, ref, blob_refs, received_at FROM project_materials WHERE project_code = $1 ORDER BY received_at, event_id, idx',
    [projectCode],
  );
  const licences = await tx.query<{
    identifier: string;
    case_id: string | null;
    licence_type: string | null;
    valid_until: string | null;
    document_number: string | null;
  }>('SELECT identifier, case_id, licence_type, valid_until, document_number FROM elicences WHERE project_code = $1 ORDER BY identifier', [
    projectCode,
  ]);
  return {
    kind: 'project-library',
    projectCode,
    version: Number(project?.version ?? 1),
    updatedAt: at,
    cases: cases.map((c): LibraryCase => ({
      caseId: c.case_id,
      caseNumber: c.case_number,
      itemCode: c.item_code,
      itemName: c.item_name,
      department: c.department,
      status: c.status,
      acceptedBy: c.accepted_by,
      acceptedOn: c.accepted_on,
      decision: c.decision,
      completedOn: c.completed_on,
      documentNumber: c.document_number,
      elicenceId: c.elicence_id,
    })),
    materials: materials.map((m): LibraryMaterial => ({
      caseId: m.case_id,
      ref: JSON.parse(m.ref) as unknown,
      blobRefs: JSON.parse(m.blob_refs) as string[],
      receivedAt: m.received_at,
    })),
    licences: licences.map((l) => ({
      identifier: l.identifier,
      caseId: l.case_id,
      licenceType: l.licence_type,
      validUntil: l.valid_until,
      documentNumber: l.document_number,
    })),
    events: await streamEvents(
      tx,
      (await tx.query<{ stream: string }>('SELECT stream FROM project_streams WHERE project_code = $1', [projectCode])).map(
        (r) => r.stream,
      ),
    ),
  };
}

/** Remembers which streams belong to a project (case, application and project streams). */
export async function projectStreams(tx: SqlRunner, projectCode: string, streams: readonly string[]): Promise<void> {
  await tx.query(
    'INSERT INTO project_streams (project_code, stream) SELECT $1, s FROM unnest($2::varchar[]) AS u(s) ON CONFLICT DO NOTHING',
    [projectCode, [...new Set(streams)]],
  );
}

export async function subscribe(tx: SqlRunner, projectCode: string, workstation: string): Promise<void> {
  await tx.query('INSERT INTO project_subscribers (project_code, workstation) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    projectCode,
    workstation,
  ]);
}

/** Projects changed: raise their versions and publish each library to its subscribers but `except`. */
export async function projectsChanged(
  tx: SqlRunner,
  projectCodes: readonly string[],
  except: string | null,
  at: string,
): Promise<Publication[]> {
  if (projectCodes.length === 0) return [];
  const codes = [...new Set(projectCodes)].sort();
  // One statement: raise the versions, and who else follows these projects.
  const subs = await tx.query<{ project_code: string; workstation: string }>(
    `WITH raised AS (
       INSERT INTO projects (project_code, version, updated_at) SELECT pc, 1, $2 FROM unnest($1::varchar[]) AS u(pc)
       ON CONFLICT (project_code) DO UPDATE SET version = projects.version + 1, updated_at = $2
     )
     SELECT project_code, workstation FROM project_subscribers WHERE project_code = ANY($1::varchar[]) AND workstation <> $3 ORDER BY project_code, workstation`,
    [codes, at, except ?? ''],
  );
  const out: Publication[] = [];
  for (const code of codes) {
    const to = subs.filter((s) => s.project_code === code);
    if (to.length === 0) continue;
    const item = await projectLibrary(tx, code, at);
    for (const s of to) out.push({ item, workstation: s.workstation });
  }
  return out;
}
