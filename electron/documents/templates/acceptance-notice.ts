import { applicantFields, barcodeBand, counterBlock, documentNumberLine, itemsTable, materialsTable, salutation, sealArea } from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { chineseDate } from '../format';
import type { AcceptanceNotice } from '../types';
import { sampleApplicant, sampleCounter, sampleItems, sampleMaterials, sampleProject, sampleRef } from './samples';

export const ACCEPTANCE_TITLE = '受理通知书';

export async function renderAcceptanceNotice(data: AcceptanceNotice): Promise<Uint8Array> {
  const c = await Composer.create({ title: ACCEPTANCE_TITLE, caseNumber: data.ref.caseNumber, subject: data.project.name });
  await barcodeBand(c, data.ref);
  c.title(ACCEPTANCE_TITLE);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  c.paragraph(
    `你（单位）于${chineseDate(data.receivedOn)}提交的下列事项申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》` +
      `第三十二条第一款第（五）项的规定，决定予以受理。办理时限自受理之次日起按工作日计算，依法需要听证、检验、检测、` +
      `鉴定、专家评审等的时间和补正材料的时间不计入办理时限。`,
  );
  c.space(6);
  applicantFields(c, data.applicant, [
    ['项目名称', data.project.name],
    ['项目代码', data.project.code],
    ['建设地点', data.project.address],
  ]);
  c.space(8);
  c.paragraph('一、受理事项', { indent: 0, bold: true });
  itemsTable(c, data.items);
  c.space(8);
  c.paragraph('二、已收取的申请材料', { indent: 0, bold: true });
  materialsTable(c, data.materials);
  c.space(6);
  c.paragraph('请妥善保管本通知书，凭办件编号或扫描二维码查询办理进度；领取办理结果时请携带本通知书及经办人身份证件。', {
    size: SIZE.table,
  });
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
