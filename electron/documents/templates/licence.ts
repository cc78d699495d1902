import { rgb } from 'pdf-lib';
import { barcodeBand } from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { embedLeaderSignature, leaderSignatureBlock } from '../layout/signature-block';
import type { Licence } from '../types';
import { documentWording, fill } from '../wording';
import { sampleApprovalDecision } from './approval-decision';
import { sampleApplicant, sampleProject, sampleRef } from './samples';

/**
 * A licence an item issues (catalog result type 许可证), titled by the catalog's result name.
 * The 施工许可证 keeps its own national model (construction-permit.ts).
 */
export async function renderLicence(data: Licence): Promise<Uint8Array> {
  const c = await Composer.create({ title: data.title, caseNumber: data.ref.caseNumber, subject: data.project.name });
  const signature = await embedLeaderSignature(c, data.leader);
  await barcodeBand(c, data.ref);
  c.paragraph('中 华 人 民 共 和 国', { align: 'center', indent: 0, size: SIZE.subtitle, bold: true });
  c.space(2);
  c.title(data.title, 24);
  c.paragraph(`编号：${data.licenceNumber}`, { align: 'right', indent: 0 });
  c.paragraph(fill(documentWording().licence.body, { legalBasis: data.legalBasis, itemName: data.itemName }));
  c.space(6);
  const L = 22;
  const rows: [string, string][] = [
    ['持证单位', data.holder],
    ...(data.creditCode ? ([['统一社会信用代码', data.creditCode]] as [string, string][]) : []),
    ['项目名称', data.project.name],
    ['项目代码', data.project.code],
    ['建设地点', data.project.address],
    ...data.particulars,
  ];
  c.grid(
    rows.map(([label, value]) => [
      { text: label, share: L, label: true },
      { text: value, share: 100 - L },
    ]),
    { size: SIZE.table, minRowHeight: 22 },
  );
  leaderSignatureBlock(c, data.leader, signature, data.ref, '发证机关（盖章）');
  for (const page of c.doc.getPages()) {
    const inset = 14;
    page.drawRectangle({
      x: inset,
      y: inset + 14,
      width: c.width - 2 * inset,
      height: c.height - 2 * inset - 14,
      borderColor: rgb(0.55, 0.1, 0.1),
      borderWidth: 2,
    });
  }
  return c.finish();
}

export function sampleLicence(): Licence {
  return {
    ref: sampleRef('规许', '0101'),
    title: '建设工程规划许可证',
    licenceNumber: '330106202509300101',
    holder: sampleApplicant.name,
    ...(sampleApplicant.creditCode ? { creditCode: sampleApplicant.creditCode } : {}),
    project: sampleProject,
    itemName: '建设工程规划许可证核发',
    particulars: [
      ['建设规模', '总建筑面积 52340 平方米'],
      ['用地性质', '商业及办公用地'],
    ],
    legalBasis: '《中华人民共和国城乡规划法》第四十条',
    leader: sampleApprovalDecision().leader,
  };
}
