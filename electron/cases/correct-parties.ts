/**
 * 更正申请人信息 after acceptance (issue 11): a name typed wrong, or a rare character (王䶮,
 * 𠮷祥花园) the clerk had to replace at the window, is corrected on the application so every
 * document of every case of the visit prints the true value when printed again. The correction
 * needs a reason; the old values stay in the journal, never overwritten there.
 */
import {
  CORRECTABLE_PARTY_FIELDS,
  CORRECTABLE_PARTY_LABELS,
  type CorrectablePartyField,
  CorrectPartiesInput,
} from '../../shared/api/cases';
import { AppError } from '../../shared/api/errors';
import { maskIdNumber } from '../../shared/domain/identifiers';
import { appendEvents, type JournalEventInput } from '../store/journal';
import type { Actor } from './actor';
import { commandTime, type CaseHost } from './case-host';
import { issueDetails } from '../../shared/api/issues';

type Input = ReturnType<typeof CorrectPartiesInput.parse>;

interface Person {
  name: string;
  idNumber?: string;
  phone?: string;
}

interface Row {
  application_id: string;
  project_id: string;
  department: string;
  parties: string;
  form: string;
  project_name: string;
  builder_name: string | null;
}

export interface Change {
  field: CorrectablePartyField;
  from: string | null;
  to: string;
}

function asPerson(v: unknown): Person | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string') return null;
  return {
    name: o.name,
    ...(typeof o.idNumber === 'string' ? { idNumber: o.idNumber } : {}),
    ...(typeof o.phone === 'string' ? { phone: o.phone } : {}),
  };
}

/** What a change looks like in the case history: ID numbers masked, like everywhere a clerk reads. */
function shown(field: CorrectablePartyField, value: string | null): string | null {
  return value !== null && field === 'applicantIdNumber' ? maskIdNumber(value) : value;
}

/**
 * Form values the documents also read: the applicant came from the form's 经办人 (or the legal
 * representative applying in person), so the form follows the correction where it held the old value.
 */
function formKeys(field: CorrectablePartyField, values: Record<string, unknown>, old: string | null): string[] {
  const same = (key: string) => old !== null && values[key] === old;
  switch (field) {
    case 'projectName':
      return ['project.name'];
    case 'builderName':
      return ['builder.name'];
    case 'applicantName':
      return ['agent.name', 'builder.legalRep.name'].filter(same);
    case 'applicantIdNumber':
      return ['agent.idNumber'].filter(same);
    case 'applicantPhone':
      return ['agent.phone'].filter(same);
    default:
      return [];
  }
}

export function correctParties(
  host: CaseHost,
  rawInput: unknown,
  actor: Actor,
  actorDepartment: string | null,
): { caseIds: string[]; changed: { field: CorrectablePartyField; label: string }[] } {
  const parsed = CorrectPartiesInput.safeParse(rawInput);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `更正内容有误：${parsed.error.issues[0]?.message ?? '格式不正确'}`, issueDetails(parsed.error));
  }
  const input: Input = parsed.data;
  const { at } = commandTime(host);
  const db = host.db;
  const result = db.transaction(() => {
    const row = db
      .prepare(
        `SELECT c.application_id, c.project_id, c.department, a.parties, a.form, p.name AS project_name, p.builder_name
           FROM item_cases c JOIN stage_applications a ON a.id = c.application_id JOIN projects p ON p.id = c.project_id WHERE c.id = ?`,
      )
      .get(input.caseId) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND', '找不到该办件，请刷新后重试');
    // A department's own staff may correct only their department's cases; the window (no department) all.
    if (actorDepartment !== null && actorDepartment !== row.department) {
      throw new AppError('FORBIDDEN', `该办件由${row.department}承办，您所在的${actorDepartment}不能更正其申请人信息，请由综合窗口办理`);
    }
    const parties = JSON.parse(row.parties) as { applicant?: unknown; agent?: unknown };
    const applicant: Person = asPerson(parties.applicant) ?? { name: '' };
    const agent: Person | null = asPerson(parties.agent);
    const form = JSON.parse(row.form) as { values?: Record<string, unknown> };
    const values: Record<string, unknown> = { ...(form.values ?? {}) };

    const current: Record<CorrectablePartyField, string | null> = {
      applicantName: applicant.name || null,
      applicantIdNumber: applicant.idNumber ?? null,
      applicantPhone: applicant.phone ?? null,
      agentName: agent?.name ?? null,
      agentPhone: agent?.phone ?? null,
      projectName: row.project_name,
      builderName: row.builder_name,
    };
    const changes: Change[] = [];
    for (const field of CORRECTABLE_PARTY_FIELDS) {
      const to = input[field];
      if (to !== undefined && to !== current[field]) changes.push({ field, from: current[field], to });
    }
    if (changes.length === 0) throw new AppError('VALIDATION', '没有需要更正的内容：请修改后再提交');
    if (changes.some((c) => c.field === 'agentPhone') && !agent && !changes.some((c) => c.field === 'agentName')) {
      throw new AppError('VALIDATION', '该申请没有登记代理人：请先填写代理人姓名');
    }

    const nextAgent: Person | null = agent ?? (changes.some((c) => c.field === 'agentName') ? { name: '' } : null);
    for (const c of changes) {
      for (const key of formKeys(c.field, values, c.from)) values[key] = c.to;
      if (c.field === 'applicantName') applicant.name = c.to;
      else if (c.field === 'applicantIdNumber') applicant.idNumber = c.to;
      else if (c.field === 'applicantPhone') applicant.phone = c.to;
      else if (c.field === 'agentName' && nextAgent) nextAgent.name = c.to;
      else if (c.field === 'agentPhone' && nextAgent) nextAgent.phone = c.to;
    }
    const cases = db
      .prepare('SELECT id, case_number FROM item_cases WHERE application_id = ? ORDER BY case_number')
      .all(row.application_id) as { id: string; case_number: string }[];
    db.prepare(
      'UPDATE stage_applications SET parties = ?, form = ?, applicant_name = ?, applicant_id_number = ?, updated_at = ? WHERE id = ?',
    ).run(
      JSON.stringify({ ...parties, applicant, agent: nextAgent }),
      JSON.stringify({ ...form, values }),
      applicant.name,
      applicant.idNumber ?? null,
      at,
      row.application_id,
    );
    db.prepare('UPDATE item_cases SET applicant_name = ?, applicant_id_number = ?, updated_at = ? WHERE application_id = ?').run(
      applicant.name,
      applicant.idNumber ?? '',
      at,
      row.application_id,
    );
    if (changes.some((c) => c.field === 'projectName' || c.field === 'builderName')) {
      const p = {
        name: changes.find((c) => c.field === 'projectName')?.to ?? row.project_name,
        builder: changes.find((c) => c.field === 'builderName')?.to ?? row.builder_name,
      };
      db.prepare('UPDATE projects SET name = ?, builder_name = ?, updated_at = ? WHERE id = ?').run(p.name, p.builder, at, row.project_id);
    }
    const events: JournalEventInput[] = [
      // The application's stream keeps the full old and new values (as application.accepted holds them).
      {
        stream: `application:${row.application_id}`,
        type: 'application.partiesCorrected',
        payload: { applicationId: row.application_id, reason: input.reason, changes },
        actor: actor.id,
        at,
      },
      ...cases.map((c) => ({
        stream: `case:${c.id}`,
        type: 'case.partiesCorrected' as const,
        payload: {
          caseId: c.id,
          caseNumber: c.case_number,
          applicationId: row.application_id,
          reason: input.reason,
          changes: changes.map((x) => ({
            field: x.field,
            label: CORRECTABLE_PARTY_LABELS[x.field],
            from: shown(x.field, x.from),
            to: shown(x.field, x.to),
          })),
        },
        actor: actor.id,
        at,
      })),
    ];
    appendEvents(db, events);
    return { caseIds: cases.map((c) => c.id), changed: changes.map((c) => ({ field: c.field, label: CORRECTABLE_PARTY_LABELS[c.field] })) };
  })();
  host.bus.emit('cases.changed', { caseIds: result.caseIds });
  return result;
}
