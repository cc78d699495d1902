import {
  applicantFields,
  barcodeBand,
  caseBarcodes,
  counterBlock,
  documentNumberLine,
  itemsTable,
  materialsTable,
  salutation,
  sealArea,
} from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { chineseDate } from '../format';
import { documentWording, fill } from '../wording';
import type { AcceptanceNotice } from '../types';
import { sampleApplicant, sampleCounter, sampleItems, sampleMaterials, sampleProject, sampleRef } from './samples';

export const ACCEPTANCE_TITLE = '受理通知书';

export async function renderAcceptanceNotice(data: AcceptanceNotice): Promise<Uint8Array> {
  const w = documentWording().acceptanceNotice;
  const c = await Composer.create({ title: w.title, caseNumber: data.ref.caseNumber, subject: data.project.name });
  await barcodeBand(c, data.ref);
  c.title(w.title);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  c.paragraph(fill(w.body, { receivedOn: chineseDate(data.receivedOn), legalBasis: w.legalBasis }));
  c.space(6);
  applicantFields(c, data.applicant, [
    ['项目名称', data.project.name],
    ['项目代码', data.project.code],
    ['建设地点', data.project.address],
  ]);
  c.space(8);
  c.paragraph('一、受理事项', { indent: 0, bold: true });
  itemsTable(c, data.items);
  caseBarcodes(c, data.items);
  c.space(4);
  c.paragraph('二、已收取的申请材料', { indent: 0, bold: true });
  materialsTable(c, data.materials);
  c.space(6);
  c.paragraph(w.closing, { size: SIZE.table });
  counterBlock(c, data.counter);
  sealArea(c, data.ref.agency, data.ref.issuedOn, '（受理专用章）');
  return c.finish();
}

export function sampleAcceptanceNotice(): AcceptanceNotice {
  return {
    ref: sampleRef('受', '0123'),
    applicant: sampleApplicant,
    project: sampleProject,
    receivedOn: '2025-09-26',
    items: sampleItems,
    materials: sampleMaterials,
    counter: sampleCounter,
  };
}
