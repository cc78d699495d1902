/**
 * 受理: one stage application (one form) becomes the project (created or updated), one stage
 * application and one item case per approval item, with case numbers, clocks and journal
 * events, in ONE transaction: an acceptance the clerk saw succeed is all there, or none of it.
 */
import { randomUUID } from 'node:crypto';
import { AcceptInput, type AcceptResult, type MaterialInput, type ResolvedItemInput } from '../../shared/api/cases';
import { AppError } from '../../shared/api/errors';
import { STATUTORY_LIMITS, deficiencySupplementDeadline, type CaseClock } from '../../shared/domain/deadline';
import type { JournalEventInput } from '../store/journal';
import { appendEvents } from '../store/journal';
import type { Actor } from './actor';
import { allocateCaseNumber } from './case-numbers';
import { countsOf, deadlineOf, type CaseRecord, type MaterialRef } from './case-state';
import { calendarOf, commandTime, type CaseHost } from './case-host';
import { issueDetails } from '../../shared/api/issues';

type ParsedAccept = ReturnType<typeof AcceptInput.parse>;

function materialsFor(item: ResolvedItemInput, materials: readonly MaterialInput[]): MaterialInput[] {
  return materials.filter((m) => m.forItems === undefined || m.forItems.includes(item.code));
}

function toRef(m: MaterialInput): MaterialRef {
  return {
    code: m.code,
    name: m.name,
    status: m.status,
    blobRefs: m.blobRefs,
    ref: m.ref ?? null,
    ...countsOf(m),
    ...(m.fromForm !== undefined ? { fromForm: m.fromForm } : {}),
  };
}

/** Rules zod cannot see: cross-references, the 容缺 list of each item, stored blobs. */
function checkApplication(host: CaseHost, input: ParsedAccept): void {
  const itemCodes = new Set<string>();
  for (const item of input.items) {
    if (itemCodes.has(item.code)) throw new AppError('VALIDATION', `事项“${item.name}”重复选择了，请去掉重复的事项`);
    itemCodes.add(item.code);
  }
  const materialCodes = new Set<string>();
  for (const m of input.materials) {
    if (materialCodes.has(m.code)) throw new AppError('VALIDATION', `材料“${m.name}”登记了两次，请合并为一份`);
    materialCodes.add(m.code);
    for (const code of m.forItems ?? []) {
      if (!itemCodes.has(code)) throw new AppError('VALIDATION', `材料“${m.name}”关联的事项 ${code} 不在本次申请中，请核对`);
    }
    if (m.status === 'e-licence' && !m.ref) throw new AppError('VALIDATION', `材料“${m.name}”使用电子证照，请填写电子证照标识`);
  }
  const deficient = input.materials.filter((m) => m.status === 'deficiency');
  if (input.mode === 'accept' && deficient.length > 0) {
    throw new AppError('VALIDATION', `材料“${deficient[0]!.name}”尚缺：请选择容缺受理，或待材料齐全后再受理`);
  }
  if (input.mode === 'deficiency') {
    if (deficient.length === 0) throw new AppError('VALIDATION', '材料已经齐全，无需容缺受理，请选择正常受理');
    for (const m of deficient) {
      for (const item of input.items) {
        if (!materialsFor(item, [m]).length) continue;
        if (!item.deficiencyMaterials.includes(m.code)) {
          throw new AppError('VALIDATION', `材料“${m.name}”不在事项“${item.name}”的容缺材料清单中，不能容缺受理；请补齐后再受理`);
        }
      }
    }
  }
  const blobs = new Set(input.materials.flatMap((m) => m.blobRefs));
  const known = host.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
  for (const sha of blobs) {
    if (!known.get(sha)) throw new AppError('VALIDATION', '有材料文件尚未保存到本机（可能扫描中断），请重新扫描或上传该材料后再受理');
  }
}

function extensionCap(item: ResolvedItemInput): number {
  return item.jointHandling ? STATUTORY_LIMITS.jointDecisionExtensionWorkdays : STATUTORY_LIMITS.decisionExtensionWorkdays;
}

export function acceptStageApplication(host: CaseHost, rawInput: unknown, actor: Actor): AcceptResult {
  const parsed = AcceptInput.safeParse(rawInput);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError('VALIDATION', `受理信息有误：${first?.message ?? '格式不正确'}`, issueDetails(parsed.error));
  }
  const input = parsed.data;
  const { at, today } = commandTime(host);
  const calendar = calendarOf(host);
  const config = host.config();
  const window = { hallCode: config.hall.code, windowNumber: config.window.number };
  const db = host.db;

  const result = db.transaction((): AcceptResult => {
    checkApplication(host, input);
    const events: JournalEventInput[] = [];
    const p = input.project;
    const projectData = {
      code: p.code,
      name: p.name,
      type: p.type ?? null,
      landSource: p.landSource ?? null,
      builderName: p.builderName,
      builderUscc: p.builderUscc,
      data: p.data,
    };
    const existing = db
      .prepare('SELECT id, name, project_type, land_source, builder_name, builder_uscc, data FROM projects WHERE code = ?')
      .get(p.code) as
      | {
          id: string;
          name: string;
          project_type: string | null;
          land_source: string | null;
          builder_name: string | null;
          builder_uscc: string | null;
          data: string;
        }
      | undefined;
    let projectId: string;
    if (!existing) {
      projectId = randomUUID();
      db.prepare(
        'INSERT INTO projects (id, code, name, project_type, land_source, builder_name, builder_uscc, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        projectId,
        p.code,
        p.name,
        projectData.type,
        projectData.landSource,
        p.builderName,
        p.builderUscc,
        JSON.stringify(p.data),
        at,
        at,
      );
      events.push({
        stream: `project:${projectId}`,
        type: 'project.registered',
        payload: { projectId, ...projectData },
        actor: actor.id,
        at,
      });
    } else {
      projectId = existing.id;
      const changed =
        existing.name !== p.name ||
        existing.project_type !== projectData.type ||
        existing.land_source !== projectData.landSource ||
        existing.builder_name !== p.builderName ||
        existing.builder_uscc !== p.builderUscc ||
        existing.data !== JSON.stringify(p.data);
      if (changed) {
        db.prepare(
          'UPDATE projects SET name = ?, project_type = ?, land_source = ?, builder_name = ?, builder_uscc = ?, data = ?, updated_at = ? WHERE id = ?',
        ).run(p.name, projectData.type, projectData.landSource, p.builderName, p.builderUscc, JSON.stringify(p.data), at, projectId);
        events.push({
          stream: `project:${projectId}`,
          type: 'project.updated',
          payload: { projectId, ...projectData },
          actor: actor.id,
          at,
        });
      }
    }

    const applicationId = randomUUID();
    const parties = { applicant: input.applicant, agent: input.agent ?? null };
    const allMaterials = input.materials.map(toRef);
    const allBlobRefs = [...new Set(input.materials.flatMap((m) => m.blobRefs))];
    db.prepare(
      `INSERT INTO stage_applications (id, project_id, stage, catalog_version, status, items, form, applicant_name, applicant_id_number,
         accepted_at, accepted_by, window_number, mode, parties, materials, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'accepted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      applicationId,
      projectId,
      input.stage,
      input.catalogVersion,
      JSON.stringify(input.items),
      JSON.stringify(input.form),
      input.applicant.name,
      input.applicant.idNumber ?? null,
      at,
      actor.id,
      config.window.number,
      input.mode,
      JSON.stringify(parties),
      JSON.stringify(allMaterials),
      at,
      at,
    );
    events.push({
      stream: `application:${applicationId}`,
      type: 'application.accepted',
      payload: {
        applicationId,
        projectId,
        projectCode: p.code,
        stage: input.stage,
        catalogVersion: input.catalogVersion,
        mode: input.mode,
        channel: 'window',
        window: config.window.number,
        applicant: input.applicant,
        agent: input.agent ?? null,
        items: input.items.map((i) => ({ code: i.code, name: i.name, department: i.department })),
        materials: allMaterials,
        form: input.form,
        blobRefs: allBlobRefs,
      },
      actor: actor.id,
      at,
    });

    const insertCase = db.prepare(
      `INSERT INTO item_cases (id, case_number, application_id, project_id, item_code, item_name, department, status, applicant_name,
         applicant_id_number, clerk_id, promised_value, promised_unit, statutory_value, accepted_on, due_on, clock, supervised,
         fee_allowed, deficiency_open, deficiency_due_on, record, created_at, updated_at,
         applicant_certificate_type, agent_name, agent_certificate_type, agent_id_number)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const cases: AcceptResult['cases'] = [];
    for (const item of input.items) {
      const id = randomUUID();
      const caseNumber = allocateCaseNumber(db, today, window);
      const clock: CaseClock = {
        acceptedOn: today,
        limit: item.promisedLimit,
        countAcceptanceDay: config.supervision.countAcceptanceDay,
        pauses: [],
        extensions: [],
        extensionCapWorkdays: extensionCap(item),
      };
      const deadline = deadlineOf(calendar, clock, today, config.supervision);
      const dueOn = deadline.known ? deadline.status.dueDate : null;
      const itemMaterials = materialsFor(item, input.materials);
      const missing = itemMaterials.filter((m) => m.status === 'deficiency');
      const record: CaseRecord = { specialProcedures: [], extensions: [], supplements: [], statutoryUnit: item.statutoryLimit.unit };
      let supplyBy: string | null = null;
      if (missing.length > 0 && input.deficiency) {
        if (dueOn === null) {
          throw new AppError(
            'UNKNOWN_DATE',
            `无法推算事项“${item.name}”的承诺办结日期（${deadline.known ? '' : deadline.message}），暂不能容缺受理`,
          );
        }
        const requested =
          input.deficiency.supplyBy !== undefined
            ? { date: input.deficiency.supplyBy }
            : input.deficiency.supplyWithinWorkdays !== undefined
              ? { workdays: input.deficiency.supplyWithinWorkdays }
              : undefined;
        supplyBy = deficiencySupplementDeadline(calendar, { acceptedOn: today, promisedDueOn: dueOn, ...(requested ? { requested } : {}) });
        record.deficiency = {
          commitment: input.deficiency.commitment,
          supplyBy,
          materials: missing.map((m) => ({ code: m.code, name: m.name })),
          outstanding: missing.map((m) => m.code),
          suppliedOn: null,
        };
      }
      const status = supplyBy ? 'deficiency' : 'accepted';
      insertCase.run(
        id,
        caseNumber,
        applicationId,
        projectId,
        item.code,
        item.name,
        item.department,
        status,
        input.applicant.name,
        input.applicant.idNumber ?? '',
        actor.id,
        item.promisedLimit.value,
        item.promisedLimit.unit,
        item.statutoryLimit.value,
        today,
        dueOn,
        JSON.stringify(clock),
        item.feeAllowed ? 1 : 0,
        supplyBy ? 1 : 0,
        supplyBy,
        JSON.stringify(record),
        at,
        at,
        input.applicant.certificateType ?? null,
        input.agent?.name ?? '',
        input.agent?.certificateType ?? null,
        input.agent?.idNumber ?? '',
      );
      events.push({
        stream: `case:${id}`,
        type: 'case.accepted',
        payload: {
          caseId: id,
          caseNumber,
          applicationId,
          projectId,
          projectCode: p.code,
          // A case routed to a back office or an issuing window (issue 13) is replicated from its
          // own stream: it names its project and parties, as the application event does.
          projectName: p.name,
          applicant: input.applicant,
          agent: input.agent ?? null,
          itemCode: item.code,
          itemName: item.name,
          catalogVersion: input.catalogVersion,
          department: item.department,
          channel: 'window',
          acceptedOn: today,
          promisedLimit: item.promisedLimit,
          statutoryLimit: item.statutoryLimit,
          dueOn,
          feeAllowed: item.feeAllowed,
          deficiency: record.deficiency ?? null,
          materials: itemMaterials.map(toRef),
          blobRefs: [...new Set(itemMaterials.flatMap((m) => m.blobRefs))],
        },
        actor: actor.id,
        at,
      });
      cases.push({
        id,
        caseNumber,
        itemCode: item.code,
        itemName: item.name,
        department: item.department,
        status,
        acceptedOn: today,
        dueOn,
      });
    }
    if (input.draftId) db.prepare('DELETE FROM application_drafts WHERE id = ?').run(input.draftId);
    appendEvents(db, events);
    return { applicationId, projectId, cases };
  })();
  host.bus.emit('cases.changed', { caseIds: result.cases.map((c) => c.id) });
  return result;
}
