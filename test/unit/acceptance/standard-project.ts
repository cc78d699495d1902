/**
 * A standard project (企业投资 备案, 出让 land, no special works) and what its applicant
 * answers at the window; the clerk types an answer only where prefill left a field empty.
 */
import type { ComposeResult } from '../../../shared/api/acceptance';
import { isFilled } from '../../../shared/domain/catalog';
import { plainValues, visibleFields, type PrefilledForm, applyClerkEdit, type StageForm } from '../../../shared/domain/forms';

export const PROJECT_CODE = '2026-330106-47-03-123456';
export const BUILDER_USCC = '91350100M000100Y43';

export const SCOPE = {
  projectType: '备案' as const,
  landSource: '出让' as const,
  specialWorks: [] as string[],
  addItems: [] as string[],
  dropItems: [] as string[],
};

export const ANSWERS: Record<string, unknown> = {
  'project.code': PROJECT_CODE,
  'project.name': '滨江科创园一期',
  'project.buildingUse': '商业办公',
  'project.location': '杭州市滨江区江南大道1号',
  'project.scale': '办公楼两幢及地下车库',
  'project.totalInvestment': 52000,
  'project.fundingSource': '自筹资金',
  'project.plannedStart': '2026-09-01',
  'project.plannedEnd': '2028-12-31',
  'project.landArea': 20000,
  'land.use': '商业服务业用地',
  'land.plotNo': 'BJ0203-B1-07',
  'land.grantContractNo': '3301082026A001',
  'land.propertyCertNo': '浙(2026)杭州市不动产权第0012345号',
  'land.planningPermitNo': '地字第330100202600012号',
  'builder.name': '杭州某某科创置业有限公司',
  'builder.uscc': BUILDER_USCC,
  'builder.legalRep.name': '赵六',
  'builder.address': '杭州市滨江区江南大道1号',
  'builder.contact.name': '王五',
  'builder.contact.phone': '0571-87654321',
  'agent.name': '王小明',
  'agent.idNumber': '110101199003070011',
  'agent.phone': '13812345678',
  'designer.name': '某某建筑设计研究院有限公司',
  'designer.uscc': BUILDER_USCC,
  'project.buildingArea': 86000,
  'design.aboveGroundArea': 62000,
  'design.undergroundArea': 24000,
  'design.floorsAbove': 18,
  'design.height': 79.5,
  'design.plotRatio': 3.1,
  'planning.engineeringPermitNo': '建字第330100202600031号',
  'contractor.name': '某某建设集团有限公司',
  'contractor.uscc': BUILDER_USCC,
  'contractor.projectManager': '钱七',
  'supervisor.name': '某某工程监理有限公司',
  'supervisor.uscc': BUILDER_USCC,
  'construction.drawingReviewNo': 'SC2026-0001',
  'construction.contractPrice': 38000,
  'construction.startDate': '2026-10-08',
  'construction.endDate': '2028-09-30',
  'construction.permitNo': '330108202610080101',
  // A 竣工验收 cannot be after the day it is filed: the specs run every stage on a spring-2026 clock.
  'completion.acceptanceDate': '2026-02-27',
  'completion.surveyReportNo': 'CH2028-077',
  'completion.archivesVolumes': 146,
};

/** Fills every visible empty field from the answers, as the clerk would; returns the values and how many were typed. */
export function fillAsClerk(composed: Pick<ComposeResult, 'form' | 'values'>): {
  values: Record<string, unknown>;
  typed: number;
  prefilled: PrefilledForm;
} {
  const form = composed.form as StageForm;
  let prefilled = composed.values as PrefilledForm;
  let typed = 0;
  for (let more = true; more;) {
    more = false;
    for (const field of visibleFields(form, plainValues(prefilled))) {
      const answer = ANSWERS[field.key];
      if (prefilled[field.key]?.source !== 'empty' || !isFilled(answer)) continue;
      prefilled = applyClerkEdit(prefilled, field.key, answer);
      typed++;
      more = true;
    }
  }
  const values = Object.fromEntries(Object.entries(plainValues(prefilled)).filter(([, v]) => isFilled(v)));
  return { values, typed, prefilled };
}

let counter = 0;
/** A small real PDF per material (distinct bytes, so each is its own blob). */
export function pdfBase64(label: string): string {
  counter++;
  const body = `%PDF-1.4\n% ${label} ${counter}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'latin1').toString('base64');
}
