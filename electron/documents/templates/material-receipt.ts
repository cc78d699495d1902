import { applicantFields, barcodeBand, counterBlock, documentNumberLine, materialsTable, sealArea, signatureLine } from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { chineseDateTime } from '../format';
import type { MaterialReceipt } from '../types';
import { documentWording } from '../wording';
import { sampleApplicant, sampleCounter, sampleMaterials, sampleProject, sampleRef } from './samples';

export const RECEIPT_TITLE = '材料接收凭证';

export async function renderMaterialReceipt(data: MaterialReceipt): Promise<Uint8Array> {
  const c = await Composer.create({ title: RECEIPT_TITLE, caseNumber: data.ref.caseNumber });
  await barcodeBand(c, data.ref);
  c.title(RECEIPT_TITLE);
  documentNumberLine(c, data.ref);
  const extra: [string, string][] = [];
  if (data.project) extra.push(['项目名称', data.project.name], ['项目代码', data.project.code], ['建设地点', data.project.address]);
  extra.push(['申请事项', data.itemNames.join('；')], ['接收时间', chineseDateTime(data.receivedAt)], ['递交人', data.submittedBy]);
  applicantFields(c, data.applicant, extra);
  c.space(8);
  materialsTable(c, data.materials);
  const originals = data.materials.reduce((s, m) => s + (m.originals ?? 0), 0);
  const copies = data.materials.reduce((s, m) => s + (m.copies ?? 0), 0);
  const unrecorded = data.materials.filter((m) => m.originals === undefined && m.copies === undefined).length;
  c.space(4);
  c.paragraph(
    `共计${data.materials.length}项材料，原件${originals}份，复印件${copies}份${unrecorded > 0 ? `（其中${unrecorded}项未登记份数）` : ''}。`,
    { indent: 0, size: SIZE.table },
  );
  c.paragraph(documentWording().materialReceipt.disclaimer, { indent: 0, size: SIZE.table });
  counterBlock(c, data.counter);
  c.space(30);
  c.keep(30);
  signatureLine(c, '递交人签字：', c.left, c.cursor, 120);
  signatureLine(c, '接收人签字：', c.left + c.textWidth / 2, c.cursor, 120);
  sealArea(c, data.ref.agency, data.ref.issuedOn, '（收件专用章）');
  return c.finish();
}

export function sampleMaterialReceipt(): MaterialReceipt {
  return {
    ref: sampleRef('收', '0456'),
    applicant: sampleApplicant,
    project: sampleProject,
    itemNames: ['建筑工程施工许可证核发', '人防工程施工图设计文件审查备案'],
    receivedAt: '2025-09-26T10:42',
    submittedBy: '王晓明',
    materials: sampleMaterials,
    counter: sampleCounter,
  };
}
