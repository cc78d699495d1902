/**
 * What the window already knows about a project: its record and parties, the values each
 * earlier stage's form captured, and every material it holds (received at a stage, or issued
 * as an item's result). Read-only; the acceptance transaction writes.
 */
import type { ProjectSummary } from '../../shared/api/acceptance';
import type { Catalog } from '../../shared/domain/catalog';
import type { IssuedResult, PrefillSources } from '../../shared/domain/forms';
import type { MaterialHolding } from '../../shared/domain/materials';
import { civilDateCst } from '../cases/case-time';
import type { Db } from '../store/database';

export interface ProjectRow {
  id: string;
  code: string;
  name: string;
  project_type: string | null;
  land_source: string | null;
  builder_name: string | null;
  builder_uscc: string | null;
  data: string;
}

export function projectByCode(db: Db, code: string): ProjectRow | undefined {
  return db
    .prepare('SELECT id, code, name, project_type, land_source, builder_name, builder_uscc, data FROM projects WHERE code = ?')
    .get(code) as ProjectRow | undefined;
}

function objectOf(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Project data is kept as the form's dotted keys (`project.buildingUse`, `builder.address`). */
export function projectData(row: ProjectRow): Record<string, unknown> {
  return objectOf(row.data);
}

function specialWorksOf(row: ProjectRow): string[] {
  const v = projectData(row)['project.specialWorks'];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function summaryOf(db: Db, row: ProjectRow): ProjectSummary {
  const stages = db
    .prepare("SELECT DISTINCT stage FROM stage_applications WHERE project_id = ? AND status = 'accepted' ORDER BY stage")
    .all(row.id) as { stage: number }[];
  const last = db
    .prepare("SELECT MAX(accepted_at) AS at FROM stage_applications WHERE project_id = ? AND status = 'accepted'")
    .get(row.id) as { at: string | null };
  // A stage is done when every case of its latest accepted application has been issued.
  const issued = db
    .prepare(
      `SELECT a.stage FROM stage_applications a
       WHERE a.project_id = ? AND a.status = 'accepted'
         AND a.accepted_at = (SELECT MAX(b.accepted_at) FROM stage_applications b WHERE b.project_id = a.project_id AND b.stage = a.stage AND b.status = 'accepted')
         AND EXISTS (SELECT 1 FROM item_cases c WHERE c.application_id = a.id)
         AND NOT EXISTS (SELECT 1 FROM item_cases c WHERE c.application_id = a.id AND c.status <> 'issued')
       ORDER BY a.stage`,
    )
    .all(row.id) as { stage: number }[];
  return {
    code: row.code,
    name: row.name,
    type: row.project_type,
    landSource: row.land_source,
    specialWorks: specialWorksOf(row),
    builderName: row.builder_name,
    builderUscc: row.builder_uscc,
    stagesAccepted: stages.map((s) => s.stage),
    stagesIssued: issued.map((s) => s.stage),
    lastAcceptedAt: last.at,
  };
}

export function projectSummary(db: Db, code: string): ProjectSummary | null {
  const row = projectByCode(db, code);
  return row ? summaryOf(db, row) : null;
}

/** By 项目代码 or name, most recently touched first; an empty query lists the latest projects. */
export function findProjects(db: Db, query: string, limit = 20): ProjectSummary[] {
  const q = query.trim();
  const escaped = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = (
    q === ''
      ? db
          .prepare(
            'SELECT id, code, name, project_type, land_source, builder_name, builder_uscc, data FROM projects ORDER BY updated_at DESC LIMIT ?',
          )
          .all(limit)
      : db
          .prepare(
            `SELECT id, code, name, project_type, land_source, builder_name, builder_uscc, data FROM projects
             WHERE code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' ORDER BY (code = ?) DESC, updated_at DESC LIMIT ?`,
          )
          .all(escaped, escaped, q, limit)
  ) as ProjectRow[];
  return rows.map((r) => summaryOf(db, r));
}

/** The project record and the builder as prefill layers; the builder is a party, not the project. */
export function prefillLayers(row: ProjectRow | undefined, typedCode: string | undefined): Pick<PrefillSources, 'project' | 'parties'> {
  if (!row) return { project: typedCode ? { code: typedCode } : {} };
  const project: Record<string, unknown> = { code: row.code, name: row.name };
  if (row.project_type) project.type = row.project_type;
  if (row.land_source) project.landSource = row.land_source;
  const builder: Record<string, unknown> = {};
  if (row.builder_name) builder.name = row.builder_name;
  if (row.builder_uscc) builder.uscc = row.builder_uscc;
  for (const [key, value] of Object.entries(projectData(row))) {
    if (key.startsWith('builder.')) builder[key.slice('builder.'.length)] = value;
    else project[key] = value;
  }
  return { project, parties: { builder } };
}

interface ApplicationRow {
  id: string;
  stage: number;
  catalog_version: string;
  form: string;
  accepted_at: string;
}

/** The form values of each stage's latest accepted application (a re-application supersedes). */
export function earlierStageValues(db: Db, projectId: string): { stage: number; values: Record<string, unknown> }[] {
  const rows = db
    .prepare(
      "SELECT id, stage, catalog_version, form, accepted_at FROM stage_applications WHERE project_id = ? AND status = 'accepted' ORDER BY accepted_at",
    )
    .all(projectId) as ApplicationRow[];
  const byStage = new Map<number, Record<string, unknown>>();
  for (const r of rows) {
    const form = objectOf(r.form);
    const values = form.values;
    byStage.set(
      r.stage,
      typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : form,
    );
  }
  return [...byStage.entries()].map(([stage, values]) => ({ stage, values }));
}

/** Results this project's earlier stages issued, with the number on each document. */
export function issuedResultsOf(db: Db, projectId: string): IssuedResult[] {
  const rows = db
    .prepare(
      `SELECT c.item_code, c.record, a.stage FROM item_cases c JOIN stage_applications a ON a.id = c.application_id
       WHERE c.project_id = ? AND c.status = 'issued' ORDER BY c.completed_at`,
    )
    .all(projectId) as { item_code: string; record: string; stage: number }[];
  return rows.map((r) => {
    const issuance = (objectOf(r.record).issuance ?? {}) as { documentNumber?: string | null };
    return { itemCode: r.item_code, stage: r.stage, documentNumber: issuance.documentNumber ?? null };
  });
}

/** A holding the checklist may link to, with what it links and how to say so. */
export interface HeldMaterial {
  holding: MaterialHolding;
  blobRefs: string[];
  label: string;
  /** project_materials.id for library rows (a rejected reuse withdraws it). */
  libraryId?: string;
}

interface LibraryRow {
  id: string;
  material_code: string;
  blob_refs: string;
  stage: number | null;
  received_on: string;
  valid_until: string | null;
}

interface IssuedRow {
  case_number: string;
  item_code: string;
  record: string;
  stage: number;
  catalog_version: string;
}

/**
 * Every material the project holds: what earlier stages received (linked by blob reference) and
 * what earlier items issued (the result counts as a material of later items). `catalogOf` reads
 * each result under the version its application was accepted under.
 */
export function projectHoldings(db: Db, projectId: string, catalogOf: (version: string) => Catalog | undefined): HeldMaterial[] {
  const out: HeldMaterial[] = [];
  const library = db
    .prepare(
      'SELECT id, material_code, blob_refs, stage, received_on, valid_until FROM project_materials WHERE project_id = ? AND withdrawn_at IS NULL ORDER BY received_on',
    )
    .all(projectId) as LibraryRow[];
  for (const r of library) {
    const blobRefs = JSON.parse(r.blob_refs) as string[];
    out.push({
      holding: {
        material: r.material_code,
        kind: r.stage === null ? 'library' : 'stage',
        ref: `lib:${r.id}`,
        ...(r.stage !== null ? { stage: r.stage } : {}),
        issuedOn: r.received_on,
        ...(r.valid_until ? { validUntil: r.valid_until } : {}),
      },
      blobRefs,
      label: r.stage === null ? `项目材料库（${r.received_on}收）` : `第${r.stage}阶段已收（${r.received_on}）`,
      libraryId: r.id,
    });
  }
  const issued = db
    .prepare(
      `SELECT c.case_number, c.item_code, c.record, a.stage, a.catalog_version FROM item_cases c JOIN stage_applications a ON a.id = c.application_id
       WHERE c.project_id = ? AND c.status = 'issued' ORDER BY c.completed_at`,
    )
    .all(projectId) as IssuedRow[];
  for (const r of issued) {
    const material = catalogOf(r.catalog_version)?.items.find((i) => i.code === r.item_code)?.result.material;
    if (material === undefined) continue;
    const record = objectOf(r.record);
    const issuance = (record.issuance ?? {}) as { issuedAt?: string; documentNumber?: string | null; validUntil?: string | null };
    const issuedOn = issuance.issuedAt ? civilDateCst(new Date(issuance.issuedAt)) : undefined;
    const doc = issuance.documentNumber ? ` ${issuance.documentNumber}` : '';
    out.push({
      holding: {
        material,
        kind: 'result',
        ref: `result:${r.case_number}`,
        stage: r.stage,
        itemCode: r.item_code,
        ...(issuedOn ? { issuedOn } : {}),
        ...(issuance.validUntil ? { validUntil: issuance.validUntil } : {}),
      },
      blobRefs: [],
      label: `第${r.stage}阶段核发（${r.case_number}${doc}）`,
    });
  }
  return out;
}
