/**
 * 受理 from the window: the renderer sends what the clerk typed and attached; everything that is
 * a fact — which items apply, their departments and limits, which materials are reused and from
 * where — is decided here again from the catalog and the store, then accepted in one
 * transaction together with the project's material library and the record of rejected reuse.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { SubmitInput, SubmitResult } from '../../shared/api/acceptance';
import type { MaterialInput, ResolvedItemInput } from '../../shared/api/cases';
import type { MaterialCounts } from '../../shared/api/documents';
import { AppError } from '../../shared/api/errors';
import { findItem, findMaterial, isFilled, type Catalog, type TimeLimit } from '../../shared/domain/catalog';
import { partiesOf } from './parties';
import { applyClerkEdit, assertValidStageForm, changedFields, visibleFields } from '../../shared/domain/forms';
import { addMonths } from '../../shared/domain/materials';
import { shanghaiDate } from '../../shared/domain/time';
import { acceptStageApplication } from '../cases/accept';
import type { Actor } from '../cases/actor';
import { appendEvents } from '../store/journal';
import { countBlobPages } from './page-count';
import type { StageComposer } from './composition';

type Submit = z.output<typeof SubmitInput>;

function limitOf(limit: TimeLimit): ResolvedItemInput['promisedLimit'] {
  return { value: limit.value, unit: limit.unit === '工作日' ? 'workday' : 'natural-day' };
}

function resolveItems(catalog: Catalog, codes: readonly string[]): ResolvedItemInput[] {
  return codes.map((code) => {
    const item = findItem(catalog, code);
    return {
      code: item.code,
      name: item.name,
      department: catalog.departments.find((d) => d.code === item.department)?.name ?? item.department,
      promisedLimit: limitOf(item.promisedLimit),
      // Items without a statutory limit (公共服务) are supervised on the promised one.
      statutoryLimit: limitOf(item.statutoryLimit ?? item.promisedLimit),
      feeAllowed: item.fee.charged,
      deficiencyMaterials: item.materials
        .filter((r) => r.deficiencyAllowed ?? findMaterial(catalog, r.material)?.deficiencyAllowed ?? false)
        .map((r) => r.material),
      jointHandling: item.caseType === '联办件',
    };
  });
}

function text(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function sameWorks(a: unknown, b: readonly string[]): boolean {
  const list = Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
  return list.length === b.length && list.every((x) => b.includes(x));
}

/** The form's answers on project type, land and special works must be what the items were chosen by. */
function checkScope(input: Submit, values: Record<string, unknown>): void {
  const back = '，请返回“选择阶段”按新情况重新组成表单';
  if (isFilled(values['project.type']) && values['project.type'] !== input.projectType) {
    throw new AppError('VALIDATION', `表单中的立项类型（${String(values['project.type'])}）与选定的（${input.projectType}）不一致${back}`, [
      { path: 'project.type', message: '与选定的立项类型不一致' },
    ]);
  }
  if (isFilled(values['project.landSource']) && values['project.landSource'] !== input.landSource) {
    throw new AppError(
      'VALIDATION',
      `表单中的土地取得方式（${String(values['project.landSource'])}）与选定的（${input.landSource}）不一致${back}`,
      [{ path: 'project.landSource', message: '与选定的土地取得方式不一致' }],
    );
  }
  if (
    values['project.specialWorks'] !== undefined &&
    values['project.specialWorks'] !== null &&
    !sameWorks(values['project.specialWorks'], input.specialWorks)
  ) {
    throw new AppError('VALIDATION', `表单中的特殊工程类别与选定的不一致${back}`, [
      { path: 'project.specialWorks', message: '与选定的特殊工程类别不一致' },
    ]);
  }
}

/**
 * The paper handed over for one collected material: what the clerk confirmed, else the guide's
 * originals/copies and the pages counted in the stored files. A form-generated material is
 * printed from the form at the window, so it is marked as such and has no paper counts.
 */
function collectedCounts(
  svc: StageComposer,
  line: { originals: number; copies: number; fromForm: boolean },
  sent: Submit['materials'][number] | undefined,
): MaterialCounts & { fromForm?: boolean } {
  if (line.fromForm && (sent?.blobRefs.length ?? 0) === 0) return { fromForm: true };
  const pages = sent?.pages ?? countBlobPages(svc.host.blobs, sent?.blobRefs ?? []);
  return {
    originals: sent?.originals ?? line.originals,
    copies: sent?.copies ?? line.copies,
    ...(pages !== undefined && pages > 0 ? { pages } : {}),
    ...(line.fromForm ? { fromForm: true } : {}),
  };
}

const PROJECT_KEYS = /^(project|land|builder)\./;
const PROJECT_COLUMNS = new Set(['project.code', 'project.name', 'project.type', 'project.landSource', 'builder.name', 'builder.uscc']);

export function submitStage(svc: StageComposer, input: Submit, actor: Actor): SubmitResult {
  const typedCode = typeof input.values['project.code'] === 'string' ? input.values['project.code'].trim() : undefined;
  const c = svc.composition(input, input.idCardRole, typedCode);
  if (input.catalogVersion !== undefined && input.catalogVersion !== c.catalog.version) {
    throw new AppError(
      'CONFLICT',
      `事项目录已更新为 ${c.catalog.version}（表单按 ${input.catalogVersion} 组成），请返回“选择阶段”重新组成表单后再受理`,
    );
  }
  const merged: Record<string, unknown> = { ...c.form.context, ...input.values };
  checkScope(input, merged);
  // Only what this form asks and shows is kept: hidden fields do not apply to the project.
  const values: Record<string, unknown> = {};
  for (const field of visibleFields(c.form, merged)) if (isFilled(merged[field.key])) values[field.key] = merged[field.key];
  const warnings = assertValidStageForm(c.form, values, { today: shanghaiDate(svc.host.now()) });

  let provenance = c.prefilled;
  for (const [key, value] of Object.entries(values)) provenance = applyClerkEdit(provenance, key, value);
  const changed = changedFields(provenance);
  const sources = Object.fromEntries(Object.entries(values).map(([k]) => [k, provenance[k]?.source ?? 'clerk']));

  const submitted = new Map(input.materials.map((m) => [m.code, m]));
  const rejected = input.materials.filter((m) => m.rejectedReuse === true).map((m) => m.code);
  const before = svc.checklistOf(c, values, []);
  const checklist = svc.checklistOf(c, values, rejected);
  const known = new Set(checklist.lines.map((l) => l.code));
  for (const code of submitted.keys()) {
    if (!known.has(code))
      throw new AppError('VALIDATION', `材料 ${code} 不属于本阶段所选事项，请刷新材料清单后重试`, [
        { path: `materials.${code}`, message: '不属于本阶段' },
      ]);
  }

  const materials: MaterialInput[] = [];
  const missing: { path: string; message: string }[] = [];
  const missingNames: string[] = [];
  for (const line of checklist.lines) {
    const base = { code: line.code, name: line.name, forItems: line.neededBy };
    if (line.status === 'issued-in-stage') continue;
    if (line.status === 'reused' && line.source) {
      // Linked, not copied: the same blobs, and the holding it came from as the reference.
      materials.push({ ...base, status: 'reused', blobRefs: checklist.linked.get(line.code)?.blobRefs ?? [], ref: line.source.ref });
      continue;
    }
    if (line.status === 'e-licence' && line.source) {
      materials.push({ ...base, status: 'e-licence', blobRefs: [], ref: line.source.ref });
      continue;
    }
    const blobRefs = submitted.get(line.code)?.blobRefs ?? [];
    if (blobRefs.length > 0 || line.fromForm) {
      materials.push({ ...base, status: 'collected', blobRefs, ...collectedCounts(svc, line, submitted.get(line.code)) });
    } else if (!line.required) {
      continue;
    } else if (line.deficiencyAllowed && input.mode === 'deficiency') {
      materials.push({ ...base, status: 'deficiency', blobRefs: [] });
    } else {
      const hint = line.deficiencyAllowed ? '，或选择容缺受理' : '';
      missing.push({ path: `materials.${line.code}`, message: `“${line.name}”尚未收取：请上传或扫描${hint}` });
      missingNames.push(line.name);
    }
  }
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `还有 ${missing.length} 份材料未收取：${missingNames.join('、')}。请收取后再受理`, missing);
  }

  const existingData = c.project ? (JSON.parse(c.project.data) as Record<string, unknown>) : {};
  const data: Record<string, unknown> = { ...existingData };
  for (const [k, v] of Object.entries(values)) if (PROJECT_KEYS.test(k) && !PROJECT_COLUMNS.has(k)) data[k] = v;
  const { applicant, agent } = partiesOf(values);
  const acceptInput = {
    project: {
      code: text(values, 'project.code'),
      name: text(values, 'project.name'),
      type: input.projectType,
      landSource: input.landSource,
      builderName: text(values, 'builder.name'),
      builderUscc: text(values, 'builder.uscc'),
      data,
    },
    stage: c.form.stage,
    catalogVersion: c.catalog.version,
    form: { values, sources, changed, warnings, items: c.form.items.map((i) => i.code), dropped: c.form.dropped },
    applicant,
    ...(agent ? { agent } : {}),
    items: resolveItems(
      c.catalog,
      c.form.items.map((i) => i.code),
    ),
    materials,
    mode: input.mode,
    ...(input.deficiency
      ? {
          deficiency: {
            commitment: input.deficiency.commitment,
            ...(input.deficiency.supplyBy ? { supplyBy: input.deficiency.supplyBy } : {}),
          },
        }
      : {}),
    ...(input.draftId ? { draftId: input.draftId } : {}),
  };

  const db = svc.host.db;
  const at = svc.host.now().toISOString();
  const result = db.transaction(() => {
    const accepted = acceptStageApplication(svc.host, acceptInput, actor);
    const library = db.prepare(
      `INSERT INTO project_materials (id, project_id, material_code, material_name, blob_refs, stage, application_id, received_on, valid_until, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of materials) {
      if (m.status !== 'collected' || m.blobRefs.length === 0) continue;
      const months = findMaterial(c.catalog, m.code)?.validityMonths ?? null;
      library.run(
        randomUUID(),
        accepted.projectId,
        m.code,
        m.name,
        JSON.stringify(m.blobRefs),
        c.form.stage,
        accepted.applicationId,
        c.today,
        months === null ? null : addMonths(c.today, months),
        at,
      );
    }
    if (rejected.length > 0) {
      const reason = input.rejectReason ?? '窗口人员驳回复用，已重新收取';
      const withdraw = db.prepare(
        'UPDATE project_materials SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ? AND withdrawn_at IS NULL',
      );
      const refused = rejected.flatMap((code) => {
        const was = before.lines.find((l) => l.code === code);
        if (!was?.source) return [];
        const held = before.linked.get(code);
        if (held?.libraryId) withdraw.run(at, reason, held.libraryId);
        return [{ code, ref: was.source.ref, kind: was.source.kind }];
      });
      if (refused.length > 0) {
        appendEvents(db, [
          {
            stream: `application:${accepted.applicationId}`,
            type: 'application.reuseRejected',
            payload: { applicationId: accepted.applicationId, reason, materials: refused },
            actor: actor.id,
            at,
          },
        ]);
      }
    }
    return accepted;
  })();
  return {
    ...result,
    catalogVersion: c.catalog.version,
    stage: c.form.stage,
    warnings,
    changed,
    reused: materials.filter((m) => m.status === 'reused' || m.status === 'e-licence').map((m) => m.code),
  };
}
