/**
 * Template data for the documents of a pre-acceptance record: the 一次性告知书 (correction-notice,
 * variant one-time) and the 不予受理决定书 (rejection-notice). No case exists: the record's own
 * number stands where a case number would (footer, Code 128) and its journal stream backs the QR.
 */
import { AppError } from '../../shared/api/errors';
import type { WorkstationConfig } from '../../shared/api/settings';
import type { PreAcceptanceData } from '../acceptance/pre-acceptance';
import type { Db } from '../store/database';
import type { TemplateName } from './registry';
import type { Applicant, Counter, DocumentRef } from './types';
import { verificationRefOfStream } from './verification-ref';
import { documentWording } from './wording';

export interface PreAcceptanceRow {
  id: string;
  kind: 'one-time-notice' | 'rejection';
  number: string;
  created_on: string;
  created_by_name: string;
}

const GROUND_BASIS: Record<NonNullable<PreAcceptanceData['ground']>, 'notCompetent' | 'noLicenceNeeded' | 'other'> = {
  'not-competent': 'notCompetent',
  'no-licence-needed': 'noLicenceNeeded',
  other: 'other',
};

function cut(v: string, max: number): string {
  return v.length <= max ? v : v.slice(0, max - 1) + '…';
}

export function preAcceptanceDocumentData(
  db: Db,
  config: WorkstationConfig,
  template: TemplateName,
  row: PreAcceptanceRow,
  d: PreAcceptanceData,
): { verificationRef: string; caseNumber: string; data: unknown } {
  const verificationRef = verificationRefOfStream(db, `pre-acceptance:${row.id}`, row.number);
  const ref: DocumentRef = {
    documentNumber: cut(`${config.hall.code || '一窗'}〔${row.created_on.slice(0, 4)}〕${row.number}号`, 40),
    caseNumber: row.number,
    verificationRef,
    issuedOn: row.created_on,
    agency: cut(config.hall.name, 60),
  };
  const applicant: Applicant = {
    name: cut(d.applicantName, 60),
    ...(d.builderUscc ? { creditCode: d.builderUscc } : {}),
    ...(d.agentName ? { contact: cut(d.agentName, 30) } : {}),
    ...(d.agentPhone ? { phone: d.agentPhone } : {}),
  };
  const project =
    d.projectName && d.projectCode
      ? { project: { code: d.projectCode, name: cut(d.projectName, 60), address: cut(d.projectAddress ?? '—', 100) } }
      : {};
  const counter: Counter = {
    window: cut(`${config.window.name} ${config.window.number} 号`, 40),
    clerk: cut(row.created_by_name, 30),
    phone: config.window.phone,
  };
  const itemName = cut(d.items.map((i) => i.name).join('、'), 60);
  const words = documentWording();
  if (template === 'correction-notice') {
    if (row.kind !== 'one-time-notice') throw new AppError('ILLEGAL_TRANSITION', '该记录是不予受理决定，不能生成一次性告知书');
    return {
      verificationRef,
      caseNumber: row.number,
      data: {
        ref,
        variant: 'one-time',
        applicant,
        ...project,
        itemName,
        receivedOn: row.created_on,
        deficiencies: d.deficiencies.map((x) => ({
          material: cut(x.name, 80),
          problem: cut(x.problem, 300),
          requirement: cut(x.requirement, 300),
        })),
        // A one-time notice has no deadline of its own: the applicant returns when ready.
        supplyBy: row.created_on,
        counter,
        bringTo: cut(`${d.location}（${d.hours}），咨询电话 ${d.consultPhone}`, 200),
      },
    };
  }
  if (template === 'rejection-notice') {
    if (row.kind !== 'rejection') throw new AppError('ILLEGAL_TRANSITION', '该记录是一次性告知，不能生成不予受理决定书');
    return {
      verificationRef,
      caseNumber: row.number,
      data: {
        ref,
        applicant,
        ...project,
        itemName,
        receivedOn: row.created_on,
        reasons: d.reasons.map((r) => cut(r, 300)),
        legalBasis: words.rejectionNotice.legalBasis[GROUND_BASIS[d.ground ?? 'other']],
        remedies: { reconsiderationBody: cut(d.reconsiderationBody, 60), court: cut(d.litigationBody, 60) },
        counter,
      },
    };
  }
  throw new AppError('VALIDATION', '受理前记录只能生成一次性告知书或不予受理决定书');
}
