/**
 * Everything the case page shows. Full applicant name and phone appear only here (lists mask
 * them); the full ID number only through revealIdNumber, which leaves a journal event.
 */
import { CASE_STATUS_LABELS, UNIT_CERTIFICATE, type CaseDetail, type CasePerson } from '../../shared/api/cases';
import type { Role } from '../../shared/api/contract-kit';
import { AppError } from '../../shared/api/errors';
import { correctionNoticeClock, deficiencyLapse } from '../../shared/domain/deadline';
import { RESIDENT_ID, maskCertificateNumber } from '../../shared/domain/identifiers';
import { allowedActions } from '../../shared/domain/lifecycle';
import { appendEvents } from '../store/journal';
import type { Actor } from './actor';
import { caseHistory } from './case-history';
import { calendarOf, commandTime, type CaseHost } from './case-host';
import { countsOf, deadlineOf, factsOf, loadCase, type CaseState, type MaterialRef } from './case-state';

interface ApplicationRow {
  id: string;
  stage: number;
  catalog_version: string;
  mode: 'accept' | 'deficiency';
  accepted_at: string | null;
  accepted_by: string | null;
  window_number: string | null;
  parties: string;
  materials: string;
}

interface ProjectRow {
  id: string;
  code: string;
  name: string;
  project_type: string | null;
  land_source: string | null;
  builder_name: string | null;
  builder_uscc: string | null;
}

interface Person {
  name: string;
  idNumber?: string;
  phone?: string;
  certificateType?: string;
  passNumber?: string;
  englishName?: string;
  nationality?: string;
}

const PERSON_TEXT_KEYS = ['idNumber', 'phone', 'certificateType', 'passNumber', 'englishName', 'nationality'] as const;

/** Parties as stored by any release: older ones have no certificate type (居民身份证 then). */
function asPerson(value: unknown): Person | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string') return null;
  const person: Person = { name: v.name };
  for (const key of PERSON_TEXT_KEYS) {
    const x = v[key];
    if (typeof x === 'string' && x !== '') person[key] = x;
  }
  return person;
}

function personView(p: Person | null): CasePerson | null {
  if (!p) return null;
  const type = p.certificateType ?? RESIDENT_ID;
  // A unit's 统一社会信用代码 is public register data; a person's number is masked.
  const masked = p.idNumber ? (type === UNIT_CERTIFICATE ? p.idNumber : maskCertificateNumber(p.idNumber)) : '';
  return {
    name: p.name,
    idNumberMasked: masked,
    phone: p.phone ?? null,
    certificateType: type,
    passNumberMasked: p.passNumber ? maskCertificateNumber(p.passNumber) : null,
    englishName: p.englishName ?? null,
    nationality: p.nationality ?? null,
  };
}

function isMaterialRef(v: unknown): v is MaterialRef & { forItems?: string[] } {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';
}

/** Within a transaction so the row, the application and the history agree. */
export function caseDetail(host: CaseHost, by: { id: string } | { caseNumber: string }, role: Role | null): CaseDetail {
  const db = host.db;
  return db.transaction((): CaseDetail => {
    const c = loadCase(db, by);
    const { today } = commandTime(host);
    const calendar = calendarOf(host);
    const config = host.config();
    const app = db.prepare('SELECT * FROM stage_applications WHERE id = ?').get(c.applicationId) as ApplicationRow;
    const project = db.prepare('SELECT * FROM projects WHERE id = ?').get(c.projectId) as ProjectRow;
    const userName = (id: string | null): string => {
      if (!id) return '';
      const row = db.prepare('SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined;
      return row?.display_name ?? id;
    };
    const parties = JSON.parse(app.parties) as { applicant?: unknown; agent?: unknown };
    const applicant = asPerson(parties.applicant) ?? {
      name: c.applicantName,
      ...(c.applicantIdNumber ? { idNumber: c.applicantIdNumber } : {}),
    };
    const appMaterials = (JSON.parse(app.materials) as unknown[]).filter(isMaterialRef);
    // A material supplied later replaces the line acceptance recorded as owed (容缺/补正): it is listed once, as it now stands.
    const supplied = c.record.supplements.flatMap((s) => s.materials);
    const latest = new Map<string, (typeof supplied)[number]>();
    for (const m of supplied) {
      const before = latest.get(m.code);
      latest.set(m.code, before ? { ...m, blobRefs: [...new Set([...before.blobRefs, ...m.blobRefs])] } : m);
    }
    const materials = [
      ...appMaterials.filter((m) => (m.forItems === undefined || m.forItems.includes(c.itemCode)) && !latest.has(m.code)),
      ...latest.values(),
    ].map((m) => ({
      code: m.code,
      name: m.name,
      status: m.status,
      blobRefs: m.blobRefs,
      ref: m.ref ?? null,
      ...countsOf(m),
      ...(m.fromForm !== undefined ? { fromForm: m.fromForm } : {}),
    }));

    const deadline = deadlineOf(calendar, c.clock, today, config.supervision);
    const fees = db
      .prepare('SELECT amount_fen, basis, payment_ref, recorded_at, recorded_by FROM case_fees WHERE case_id = ? ORDER BY recorded_at')
      .all(c.id) as {
      amount_fen: number;
      basis: string;
      payment_ref: string;
      recorded_at: string;
      recorded_by: string | null;
    }[];

    return {
      id: c.id,
      caseNumber: c.caseNumber,
      status: c.status,
      statusLabel: CASE_STATUS_LABELS[c.status],
      itemCode: c.itemCode,
      itemName: c.itemName,
      department: c.department,
      project: {
        id: project.id,
        code: project.code,
        name: project.name,
        type: project.project_type,
        landSource: project.land_source,
        builderName: project.builder_name,
        builderUscc: project.builder_uscc,
      },
      application: {
        id: app.id,
        stage: app.stage,
        catalogVersion: app.catalog_version,
        mode: app.mode,
        acceptedAt: app.accepted_at,
        acceptedBy: app.accepted_by ? userName(app.accepted_by) : null,
        windowNumber: app.window_number,
      },
      applicant: personView(applicant)!,
      agent: personView(asPerson(parties.agent)),
      materials,
      promisedLimit: c.clock.limit,
      statutoryLimit: c.statutoryValue === null ? null : { value: c.statutoryValue, unit: c.record.statutoryUnit ?? 'workday' },
      feeAllowed: c.feeAllowed,
      acceptedOn: c.acceptedOn,
      dueOn: c.dueOn,
      deadline: deadline.known ? { known: true, ...withoutOpenPause(deadline.status) } : { known: false, message: deadline.message },
      correction: correctionView(c, today, calendar),
      deficiency: deficiencyView(c, today, calendar, config.supervision.deficiencyGraceWorkdays),
      specialProcedures: c.record.specialProcedures,
      extensions: c.record.extensions.map((e) => ({ ...e, approvedBy: userName(e.approvedBy) })),
      decision: c.record.decision ? { ...c.record.decision, decidedBy: userName(c.record.decision.decidedBy) } : null,
      signature: c.record.signature ? { ...c.record.signature, signedBy: userName(c.record.signature.signedBy) } : null,
      issuance: c.record.issuance ?? null,
      closure: c.record.closure ?? null,
      fees: fees.map((f) => ({
        amountFen: f.amount_fen,
        basis: f.basis,
        paymentRef: f.payment_ref,
        recordedAt: f.recorded_at,
        recordedBy: userName(f.recorded_by),
      })),
      history: caseHistory(db, c.id),
      allowedActions: role ? allowedActions(factsOf(c), role) : [],
    };
  })();
}

function withoutOpenPause<T extends { openPause?: unknown }>(status: T): Omit<T, 'openPause'> {
  const { openPause: _ignored, ...rest } = status;
  return rest;
}

function correctionView(c: CaseState, today: string, calendar: ReturnType<typeof calendarOf>): CaseDetail['correction'] {
  const k = c.record.correction;
  if (!k) return null;
  let notice: NonNullable<CaseDetail['correction']>['notice'] = null;
  try {
    notice = correctionNoticeClock(calendar, { receivedOn: k.receivedOn, notifiedOn: k.requestedOn, today });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'UNKNOWN_DATE')) throw error;
  }
  return { requestedOn: k.requestedOn, items: k.items, outstanding: k.closedOn ? [] : k.outstanding, closedOn: k.closedOn, notice };
}

function deficiencyView(c: CaseState, today: string, calendar: ReturnType<typeof calendarOf>, grace: number): CaseDetail['deficiency'] {
  const d = c.record.deficiency;
  if (!d) return null;
  let lapse: NonNullable<CaseDetail['deficiency']>['lapse'] = null;
  try {
    lapse = deficiencyLapse(calendar, {
      supplementDueOn: d.supplyBy,
      today,
      graceWorkdays: grace,
      ...(d.suppliedOn ? { suppliedOn: d.suppliedOn } : {}),
    });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'UNKNOWN_DATE')) throw error;
  }
  return {
    commitment: d.commitment,
    supplyBy: d.supplyBy,
    materials: d.materials,
    outstanding: d.outstanding,
    suppliedOn: d.suppliedOn,
    lapse,
  };
}

/** The full ID number, for the one person asking, with a journal event saying who and when. */
export function revealIdNumber(host: CaseHost, caseId: string, actor: Actor): { idNumber: string } {
  const { at } = commandTime(host);
  return host.db.transaction(() => {
    const c = loadCase(host.db, { id: caseId });
    // The person who came to the window: the agent when the applicant is a unit.
    const app = host.db.prepare('SELECT parties FROM stage_applications WHERE id = ?').get(c.applicationId) as
      { parties: string } | undefined;
    const agent = app ? asPerson((JSON.parse(app.parties) as { agent?: unknown }).agent) : null;
    const idNumber = agent?.idNumber ?? c.applicantIdNumber;
    if (!idNumber) throw new AppError('NOT_FOUND', '该办件没有登记证件号码');
    appendEvents(host.db, [
      { stream: `case:${c.id}`, type: 'case.id-number-revealed', payload: { caseId: c.id, caseNumber: c.caseNumber }, actor: actor.id, at },
    ]);
    return { idNumber };
  })();
}
