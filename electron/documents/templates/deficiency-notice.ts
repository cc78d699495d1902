import {
  applicantFields,
  barcodeBand,
  counterBlock,
  caseBarcodes,
  deficiencyTable,
  documentNumberLine,
  itemsTable,
  salutation,
  sealArea,
  signatureLine,
} from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { chineseDate } from '../format';
import { documentWording, fill } from '../wording';
import type { DeficiencyNotice } from '../types';
import { sampleApplicant, sampleCounter, sampleItems, sampleProject, sampleRef } from './samples';

export const DEFICIENCY_TITLE = '容缺受理通知书';
export const COMMITMENT_TITLE = '容缺受理承诺书';

export async function renderDeficiencyNotice(data: DeficiencyNotice): Promise<Uint8Array> {
  const w = documentWording().deficiencyNotice;
  const supplyBy = chineseDate(data.supplyBy);
  const c = await Composer.create({ title: w.title, caseNumber: data.ref.caseNumber, subject: data.project.name });
  await barcodeBand(c, data.ref);
  c.title(w.title);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  c.paragraph(fill(w.body, { receivedOn: chineseDate(data.receivedOn) }));
  c.space(4);
  applicantFields(c, data.applicant, [
    ['项目名称', data.project.name],
    ['项目代码', data.project.code],
    ['建设地点', data.project.address],
  ]);
  c.space(6);
  c.paragraph('一、受理事项', { indent: 0, bold: true });
  itemsTable(c, data.items);
  caseBarcodes(c, data.items);
  c.space(4);
  c.paragraph('二、容缺材料及补交要求', { indent: 0, bold: true });
  deficiencyTable(c, data.deficiencies);
  c.space(6);
  c.paragraph(fill(w.supply, { supplyBy }));
  if (data.commitment.statement) c.paragraph(`申请人承诺：${data.commitment.statement}`);
  counterBlock(c, data.counter);
  sealArea(c, data.ref.agency, data.ref.issuedOn, '（受理专用章）');

  // The applicant signs the commitment at the window; it is filed with the case.
  c.newPage();
  c.space(10);
  c.title(w.commitmentTitle);
  c.space(12);
  c.paragraph(`${data.ref.agency}：`, { indent: 0 });
  const items = data.items.map((it) => `“${it.name}”`).join('、');
  c.paragraph(fill(w.commitmentIntro, { applicant: data.applicant.name, items, projectName: data.project.name }));
  for (const line of w.commitments) c.paragraph(fill(line, { supplyBy }));
  if (data.commitment.statement) c.paragraph(`申请人补充承诺：${data.commitment.statement}`);
  c.space(6);
  deficiencyTable(c, data.deficiencies);
  c.space(36);
  c.keep(80);
  const x = c.left + c.textWidth * 0.45;
  signatureLine(c, '承诺人（签字或盖章）：', x, c.cursor, c.right - x - c.measure('承诺人（签字或盖章）：', SIZE.body) - 4);
  c.space(30);
  c.drawLine(`经办人：${data.commitment.signatory}`, x, c.cursor, SIZE.body);
  c.space(26);
  c.drawLine(`日期：${chineseDate(data.commitment.signedOn)}`, x, c.cursor, SIZE.body);
  return c.finish();
}

export function sampleDeficiencyNotice(): DeficiencyNotice {
  return {
    ref: sampleRef('容', '0031'),
    applicant: sampleApplicant,
    project: sampleProject,
    receivedOn: '2025-09-26',
    items: sampleItems,
    deficiencies: [
      {
        material: '工程质量安全监督手续',
        problem: '正在办理，尚未取得',
        requirement: '监督登记回执复印件1份',
      },
      {
        material: '施工组织设计',
        problem: '缺少项目技术负责人签字',
        requirement: '签字完整的原件1份',
      },
    ],
    supplyBy: '2025-10-09',
    counter: sampleCounter,
    commitment: { signatory: '王晓明', signedOn: '2025-09-26', statement: '监督登记回执取得后三个工作日内补交。' },
  };
}
