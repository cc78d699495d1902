/**
 * Maps a stored case onto the data each document template renders from. Everything printed
 * comes from the store (case detail, its stage application and form, the sibling item cases,
 * the signature record); nothing is invented: a value the store lacks either has a neutral
 * printed form ("—") or stops the render with a message saying what to record first.
 */
import type { CaseDetail } from '../../shared/api/cases';
import { AppError } from '../../shared/api/errors';
import type { WorkstationConfig } from '../../shared/api/settings';
import { signatureReference } from '../../shared/domain/signing';
import { parseJournalEvent } from '../../shared/journal';
import { caseDetail, type CaseHost } from '../cases';
import { civilDateCst } from '../cases/case-time';
import { shanghaiDateTime } from '../../shared/domain/time';
import { SignatureRepository } from '../signing/signature-store';
import type { BlobStore } from '../store/blobs';
import type { TemplateName } from './registry';
import type { Applicant, Counter, DocumentRef, ItemCase, Project, ReceivedMaterial, Remedies } from './types';
import { catalogItem, catalogMaterial, itemResult } from './catalog-item';
import { verificationRefOf } from './verification-ref';
import { chineseDate } from './format';
import { documentWording } from './wording';

export interface CaseDataHost extends CaseHost {
  blobs: BlobStore;
}

export interface CaseDocumentData {
  caseId: string;
  caseNumber: string;
  verificationRef: string;
  /** Template data, still unvalidated: renderDocument checks it against the template schema. */
  data: unknown;
}

const DASH = '—';

/** Keeps a stored value within a template's limit rather than failing a print at the window. */
function fit(value: string | null | undefined, max: number, fallback = DASH): string {
  const v = (value ?? '').trim();
  if (!v) return fallback;
  return v.length <= max ? v : v.slice(0, max - 1) + '…';
}

function beijingMinute(iso: string): string {
  return shanghaiDateTime(iso).replace(' ', 'T');
}

function formValue(form: Record<string, unknown>, key: string): string | undefined {
  // Forms are stored flat ("project.location") by the one-form composer; nested objects are
  // accepted too so older drafts still print.
  const flat = form[key];
  if (typeof flat === 'string' || typeof flat === 'number') return String(flat).trim() || undefined;
  let node: unknown = form;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || typeof node === 'number' ? String(node).trim() || undefined : undefined;
}

function parseJson(text: string | null | undefined): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text ?? '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The window's public phone from the workstation settings (12345 until IT sets its own). */
function windowPhone(config: WorkstationConfig): string {
  return config.window.phone;
}

interface Loaded {
  detail: CaseDetail;
  form: Record<string, unknown>;
  projectData: Record<string, unknown>;
  siblings: CaseDetail[];
  config: WorkstationConfig;
  today: string;
  verificationRef: string;
}

function load(host: CaseDataHost, by: { id: string } | { caseNumber: string }): Loaded {
  const detail = caseDetail(host, by, null);
  const app = host.db.prepare('SELECT form FROM stage_applications WHERE id = ?').get(detail.application.id) as
    { form: string } | undefined;
  const project = host.db.prepare('SELECT data FROM projects WHERE id = ?').get(detail.project.id) as { data: string } | undefined;
  const siblingIds = host.db
    .prepare('SELECT id FROM item_cases WHERE application_id = ? ORDER BY case_number')
    .all(detail.application.id) as { id: string }[];
  const siblings = siblingIds.map((s) => (s.id === detail.id ? detail : caseDetail(host, { id: s.id }, null)));
  // acceptance.submit stores { values, sources, changed, ... }; older records stored the values flat.
  const stored = parseJson(app?.form);
  const values = stored['values'];
  return {
    detail,
    form: typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : stored,
    projectData: parseJson(project?.data),
    siblings,
    config: host.config(),
    today: civilDateCst(host.now()),
    verificationRef: verificationRefOf(host.db, detail.id, detail.caseNumber),
  };
}

function refOf(l: Loaded, agency: string, documentNumber?: string | null): DocumentRef {
  const year = l.today.slice(0, 4);
  return {
    documentNumber: fit(documentNumber ?? `${l.config.hall.code || '一窗'}〔${year}〕${l.detail.caseNumber}号`, 40),
    caseNumber: l.detail.caseNumber,
    verificationRef: l.verificationRef,
    issuedOn: l.today,
    agency: fit(agency, 60),
  };
}

function applicantOf(l: Loaded): Applicant {
  const p = l.detail.project;
  const phone = l.detail.agent?.phone ?? l.detail.applicant.phone ?? formValue(l.form, 'builder.contact.phone');
  const address = formValue(l.form, 'builder.address');
  return {
    name: fit(p.builderName ?? l.detail.applicant.name, 60),
    ...(p.builderUscc ? { creditCode: p.builderUscc } : {}),
    contact: fit(l.detail.agent?.name ?? l.detail.applicant.name, 30),
    ...(phone ? { phone } : {}),
    ...(address ? { address: fit(address, 100) } : {}),
  };
}

function projectOf(l: Loaded): Project {
  const address =
    formValue(l.form, 'project.location') ?? formValue(l.projectData, 'project.location') ?? formValue(l.projectData, 'location');
  return { code: l.detail.project.code, name: fit(l.detail.project.name, 60), address: fit(address, 100) };
}

function counterOf(l: Loaded): Counter {
  const number = l.detail.application.windowNumber ?? l.config.window.number;
  return {
    window: fit(`${l.config.window.name} ${number} 号`, 40),
    clerk: fit(l.detail.application.acceptedBy, 30),
    phone: windowPhone(l.config),
  };
}

const NOTE_OF_STATUS: Record<string, string> = { reused: '复用已有材料', 'e-licence': '电子证照' };

/** 原件 / 复印件 / 原件和复印件 from what was recorded, else from what the catalog asks for. */
function paperForm(originals: number | undefined, copies: number | undefined, catalogForm: string | undefined): ReceivedMaterial['form'] {
  if (originals !== undefined || copies !== undefined) {
    if ((originals ?? 0) > 0 && (copies ?? 0) > 0) return '原件和复印件';
    if ((originals ?? 0) > 0) return '原件';
    if ((copies ?? 0) > 0) return '复印件';
  }
  return catalogForm === '原件' || catalogForm === '复印件' || catalogForm === '原件和复印件' ? catalogForm : '复印件';
}

/**
 * Every material of the visit as handed over: counts as recorded at collection ("—" when not
 * recorded), form-generated materials marked 表单生成, reused ones and e-licences as 电子件.
 */
function materialsOf(host: CaseDataHost, detail: CaseDetail, all: readonly CaseDetail[]): ReceivedMaterial[] {
  const seen = new Set<string>();
  const out: ReceivedMaterial[] = [];
  for (const m of all.flatMap((d) => d.materials)) {
    if (m.status === 'deficiency' || seen.has(m.code)) continue;
    seen.add(m.code);
    const catalog = catalogMaterial(host.db, detail.application.catalogVersion, m.code);
    const fromForm = m.status === 'collected' && m.blobRefs.length === 0 && catalog?.fromForm === true;
    const electronic = m.status === 'reused' || m.status === 'e-licence';
    const note = fromForm ? '表单生成' : NOTE_OF_STATUS[m.status];
    out.push({
      name: fit(m.name, 80),
      form: electronic ? '电子件' : fromForm ? '原件' : paperForm(m.originals, m.copies, catalog?.form),
      ...(fromForm && m.originals === undefined ? { originals: 1, copies: 0 } : {}),
      // No paper changes hands for a reused material or an e-licence: zero is the true count.
      ...(electronic && m.originals === undefined && m.copies === undefined ? { originals: 0, copies: 0 } : {}),
      ...(m.originals !== undefined ? { originals: m.originals } : {}),
      ...(m.copies !== undefined ? { copies: m.copies } : {}),
      ...(m.pages !== undefined && m.pages > 0 ? { pages: m.pages } : {}),
      ...(note ? { note } : {}),
    });
  }
  return out.slice(0, 60);
}

function itemOf(d: CaseDetail): ItemCase {
  return {
    name: fit(d.itemName, 60),
    caseNumber: d.caseNumber,
    department: fit(d.department, 40),
    promisedDays: d.promisedLimit.value,
    dueDate: d.dueOn ?? d.acceptedOn ?? '',
    ...(d.deadline.known && d.deadline.estimated ? { dueEstimated: true } : {}),
  };
}

function receivedOn(l: Loaded): string {
  return l.detail.acceptedOn ?? (l.detail.application.acceptedAt ? civilDateCst(new Date(l.detail.application.acceptedAt)) : l.today);
}

/** The bodies the item's 办事指南 names for 复议 and 诉讼, else the general wording. */
function remediesOf(host: CaseDataHost, l: Loaded): Remedies {
  const guide = catalogItem(host.db, l.detail.application.catalogVersion, l.detail.itemCode)?.guide;
  if (guide?.reconsiderationBody && guide.litigationBody)
    return { reconsiderationBody: fit(guide.reconsiderationBody, 60), court: fit(guide.litigationBody, 60) };
  return defaultRemedies(l);
}

/** Form fields a licence states, where the case's form holds them. */
const LICENCE_FIELDS: readonly (readonly [string, string])[] = [
  ['project.scale', '建设规模'],
  ['project.buildingArea', '建筑面积（平方米）'],
  ['project.landArea', '用地面积（平方米）'],
  ['land.use', '用地性质'],
  ['land.plotNo', '地块编号'],
];

function licenceParticulars(l: Loaded): [string, string][] {
  return LICENCE_FIELDS.flatMap(([key, label]) => {
    const v = formValue(l.form, key);
    return v ? [[label, fit(v, 100)] as [string, string]] : [];
  });
}

/** General remedies wording: the store keeps the bodies only for rejections, where the clerk types them. */
function defaultRemedies(l: Loaded): Remedies {
  return { reconsiderationBody: fit(`${l.detail.department}的本级人民政府`, 60), court: '有管辖权的人民法院' };
}

function rejectionFacts(host: CaseDataHost, caseId: string): { reasons: string[]; legalBasis: string; remedies: Remedies } | undefined {
  const row = host.db
    .prepare("SELECT stream, type, version, payload FROM journal WHERE stream = ? AND type = 'case.rejected' ORDER BY seq DESC LIMIT 1")
    .get(`case:${caseId}`) as { stream: string; type: string; version: number; payload: string } | undefined;
  if (!row) return undefined;
  const parsed = parseJournalEvent({ ...row, payload: JSON.parse(row.payload) as unknown });
  if (!parsed.ok || parsed.event.type !== 'case.rejected') return undefined;
  const { reasons, legalBasis, remedies } = parsed.event.payload;
  return { reasons, legalBasis, remedies };
}

function leaderOf(host: CaseDataHost, l: Loaded) {
  const d = l.detail;
  const stored = d.signature ? new SignatureRepository(host.db).byId(d.signature.signatureId) : undefined;
  if (!stored) {
    // Before the leader signs, the decision prints with the block marked as awaiting signature:
    // this is the copy whose hash the leader signs.
    return {
      name: fit(d.decision?.decidedBy, 30),
      title: '负责人',
      signedAt: beijingMinute(d.decision?.decidedAt ?? host.now().toISOString()),
      sm2: { signatureRef: '待领导签批' },
    };
  }
  const r = stored.record;
  let signaturePng: string | undefined;
  if (r.signatureImageSha256) {
    try {
      signaturePng = Buffer.from(host.blobs.get(r.signatureImageSha256)).toString('base64');
    } catch {
      signaturePng = undefined; // the printed reference still identifies the signature
    }
  }
  return {
    name: fit(r.signer.displayName, 30),
    title: '负责人',
    signedAt: beijingMinute(r.signedAt),
    ...(signaturePng ? { signaturePng } : {}),
    sm2: { signatureRef: fit(signatureReference(r), 200) },
  };
}

function needForm(l: Loaded, key: string, label: string): string {
  const v = formValue(l.form, key);
  if (!v) throw new AppError('VALIDATION', `申请表中没有“${label}”，无法生成施工许可证：请先在办件中补录后再打印`);
  return v;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function dataFor(template: TemplateName, host: CaseDataHost, l: Loaded): unknown {
  const d = l.detail;
  const hall = l.config.hall.name;
  switch (template) {
    case 'acceptance-notice':
      if (d.application.mode === 'deficiency' || l.siblings.some((s) => (s.deficiency?.materials.length ?? 0) > 0)) {
        throw new AppError('ILLEGAL_TRANSITION', '本次为容缺受理，应出具容缺受理通知书（附容缺受理承诺书），不能出具受理通知书');
      }
      return {
        ref: refOf(l, hall),
        applicant: applicantOf(l),
        project: projectOf(l),
        receivedOn: receivedOn(l),
        items: l.siblings.filter((s) => s.acceptedOn).map(itemOf),
        materials: materialsOf(host, d, l.siblings),
        counter: counterOf(l),
      };
    case 'material-receipt':
      return {
        ref: refOf(l, hall),
        applicant: applicantOf(l),
        project: projectOf(l),
        itemNames: l.siblings.map((s) => fit(s.itemName, 60)),
        receivedAt: beijingMinute(d.application.acceptedAt ?? host.now().toISOString()),
        submittedBy: fit(d.agent?.name ?? d.applicant.name, 30),
        materials: materialsOf(host, d, l.siblings),
        counter: counterOf(l),
      };
    case 'correction-notice': {
      const k = d.correction;
      if (!k) throw new AppError('ILLEGAL_TRANSITION', '该办件没有补正记录，不能生成补正材料通知书：请先办理“一次性告知补正”');
      const supplyBy =
        k.items
          .map((i) => i.dueBy)
          .sort()
          .at(-1) ?? k.requestedOn;
      return {
        ref: refOf(l, d.department),
        variant: 'one-time',
        applicant: applicantOf(l),
        project: projectOf(l),
        itemName: fit(d.itemName, 60),
        receivedOn: receivedOn(l),
        deficiencies: k.items.map((i) => ({
          material: fit(i.name, 80),
          problem: fit(i.problem, 300),
          requirement: fit(`提交${i.form}，${chineseDate(i.dueBy)}前补齐`, 300),
        })),
        supplyBy,
        counter: counterOf(l),
      };
    }
    case 'deficiency-notice': {
      const withDeficiency = l.siblings.filter((s) => (s.deficiency?.materials.length ?? 0) > 0);
      const k = d.deficiency && d.deficiency.materials.length > 0 ? d.deficiency : withDeficiency[0]?.deficiency;
      if (!k || k.materials.length === 0) throw new AppError('ILLEGAL_TRANSITION', '该次申请不是容缺受理，不能生成容缺受理通知书');
      const missing = new Map<string, string>();
      for (const s of withDeficiency) for (const m of s.deficiency!.materials) missing.set(m.code, m.name);
      return {
        ref: refOf(l, hall),
        applicant: applicantOf(l),
        project: projectOf(l),
        receivedOn: receivedOn(l),
        items: l.siblings.filter((s) => s.acceptedOn).map(itemOf),
        deficiencies: [...missing].map(([code, name]) => {
          const form = catalogMaterial(host.db, d.application.catalogVersion, code)?.form;
          return {
            material: fit(name, 80),
            problem: '暂缺，容缺受理',
            requirement: fit(`${form ?? '按办事指南要求'}，${chineseDate(k.supplyBy)}前补交`, 300),
          };
        }),
        supplyBy: k.supplyBy,
        counter: counterOf(l),
        commitment: { signatory: fit(d.agent?.name ?? d.applicant.name, 30), signedOn: receivedOn(l), statement: fit(k.commitment, 500) },
      };
    }
    case 'rejection-notice': {
      const facts = rejectionFacts(host, d.id);
      if (!facts || d.status !== 'rejected') throw new AppError('ILLEGAL_TRANSITION', '该办件未作不予受理决定，不能生成不予受理通知书');
      return {
        ref: refOf(l, d.department),
        applicant: applicantOf(l),
        project: projectOf(l),
        itemName: fit(d.itemName, 60),
        receivedOn: receivedOn(l),
        reasons: facts.reasons.map((r) => fit(r, 300)),
        legalBasis: fit(facts.legalBasis, 300),
        remedies: facts.remedies,
        counter: counterOf(l),
      };
    }
    case 'approval-decision': {
      if (!d.decision || d.decision.decision !== 'approve')
        throw new AppError('ILLEGAL_TRANSITION', '该办件尚未作出准予许可的决定，不能生成准予许可决定书');
      const stored = d.signature ? new SignatureRepository(host.db).byId(d.signature.signatureId) : undefined;
      const signedNumber = stored ? (parseJson(stored.contentJson)['documentNumber'] as string | undefined) : undefined;
      return {
        ref: refOf(l, d.department, d.issuance?.documentNumber ?? signedNumber),
        applicant: applicantOf(l),
        project: projectOf(l),
        itemName: fit(d.itemName, 60),
        receivedOn: receivedOn(l),
        acceptedOn: receivedOn(l),
        decision: [fit(d.decision.opinion, 1000)],
        legalBasis: fit(documentWording().approvalDecision.legalBasis, 300),
        result: fit(`准予${d.itemName}`, 100),
        remedies: remediesOf(host, l),
        leader: leaderOf(host, l),
      };
    }
    case 'denial-decision': {
      if (!d.decision || d.decision.decision !== 'deny')
        throw new AppError('ILLEGAL_TRANSITION', '该办件尚未作出不予许可的决定，不能生成不予许可决定书');
      return {
        ref: refOf(l, d.department, d.issuance?.documentNumber),
        applicant: applicantOf(l),
        project: projectOf(l),
        itemName: fit(d.itemName, 60),
        receivedOn: receivedOn(l),
        acceptedOn: receivedOn(l),
        reasons: [fit(d.decision.opinion, 1000)],
        legalBasis: fit(documentWording().denialDecision.legalBasis, 300),
        remedies: remediesOf(host, l),
        leader: leaderOf(host, l),
      };
    }
    case 'licence': {
      const result = itemResult(host.db, d.application.catalogVersion, d.itemCode);
      if (!d.decision || d.decision.decision !== 'approve' || !result)
        throw new AppError('ILLEGAL_TRANSITION', '该办件没有准予许可的决定或该事项不核发许可证，不能生成许可证');
      if (!d.signature) throw new AppError('ILLEGAL_TRANSITION', '许可证须在领导签批后出具，请先完成签批');
      const number = (d.issuance?.documentNumber ?? d.caseNumber).replace(/[^0-9A-Za-z-]/g, '');
      const applicant = applicantOf(l);
      return {
        ref: refOf(l, d.department, d.issuance?.documentNumber),
        title: fit(result.name, 40),
        licenceNumber: number.length >= 6 ? number.slice(0, 40) : d.caseNumber,
        holder: applicant.name,
        ...(applicant.creditCode ? { creditCode: applicant.creditCode } : {}),
        project: projectOf(l),
        itemName: fit(d.itemName, 60),
        particulars: licenceParticulars(l),
        legalBasis: fit(
          catalogItem(host.db, d.application.catalogVersion, d.itemCode)?.guide?.legalBasis?.[0] ??
            documentWording().approvalDecision.legalBasis,
          300,
        ),
        leader: leaderOf(host, l),
      };
    }
    case 'construction-permit': {
      const start = needForm(l, 'construction.startDate', '合同开工日期');
      const end = needForm(l, 'construction.endDate', '合同竣工日期');
      const permitNumber =
        formValue(l.form, 'construction.permitNo') ?? d.issuance?.documentNumber ?? d.caseNumber.replace(/[^0-9A-Za-z]/g, '');
      return {
        ref: refOf(l, d.department, d.issuance?.documentNumber),
        permitNumber: permitNumber.slice(0, 30),
        projectCode: d.project.code,
        builder: fit(d.project.builderName, 60),
        projectName: fit(d.project.name, 60),
        address: projectOf(l).address,
        scale: fit(formValue(l.form, 'project.scale'), 100),
        contractPrice: needForm(l, 'construction.contractPrice', '合同价格'),
        surveyor: fit(formValue(l.form, 'surveyor.name'), 60),
        designer: fit(formValue(l.form, 'designer.name'), 60),
        contractor: fit(needForm(l, 'contractor.name', '施工单位'), 60),
        supervisor: fit(formValue(l.form, 'supervisor.name'), 60),
        surveyorLead: fit(formValue(l.form, 'surveyor.lead'), 30),
        designerLead: fit(formValue(l.form, 'designer.lead'), 30),
        contractorLead: fit(formValue(l.form, 'contractor.projectManager'), 30),
        chiefSupervisor: fit(formValue(l.form, 'supervisor.chief'), 30),
        contractDays: Math.max(1, daysBetween(start, end)),
      };
    }
  }
}

/** The template data for one stored case, by id or by case number. */
export function caseDocumentData(
  host: CaseDataHost,
  template: TemplateName,
  by: { id: string } | { caseNumber: string },
): CaseDocumentData {
  const l = load(host, by);
  return { caseId: l.detail.id, caseNumber: l.detail.caseNumber, verificationRef: l.verificationRef, data: dataFor(template, host, l) };
}
