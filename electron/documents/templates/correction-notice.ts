import { applicantFields, barcodeBand, counterBlock, deficiencyTable, documentNumberLine, salutation, sealArea } from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { chineseDate } from '../format';
import { documentWording, fill } from '../wording';
import type { CorrectionNotice } from '../types';
import { sampleApplicant, sampleCounter, sampleProject, sampleRef } from './samples';

/** 一次性告知书 is handed over on the spot; 补正材料通知书 follows an examination (art. 32). */
export function correctionTitle(variant: CorrectionNotice['variant']): string {
  const w = documentWording().correctionNotice;
  return variant === 'one-time' ? w.oneTimeTitle : w.correctionTitle;
}

export async function renderCorrectionNotice(data: CorrectionNotice): Promise<Uint8Array> {
  const title = correctionTitle(data.variant);
  const c = await Composer.create({ title, caseNumber: data.ref.caseNumber, subject: data.itemName });
  await barcodeBand(c, data.ref);
  c.title(title);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  const project = data.project
    ? `（项目名称：${data.project.name}；项目代码：${data.project.code}；建设地点：${data.project.address}）`
    : '';
  const w = documentWording().correctionNotice;
  c.paragraph(fill(w.body, { receivedOn: chineseDate(data.receivedOn), itemName: data.itemName, project, legalBasis: w.legalBasis }));
  c.space(4);
  applicantFields(
    c,
    data.applicant,
    data.project
      ? [
          ['项目名称', data.project.name],
          ['项目代码', data.project.code],
          ['建设地点', data.project.address],
        ]
      : [],
  );
  c.space(6);
  deficiencyTable(c, data.deficiencies);
  c.space(6);
  c.paragraph(data.variant === 'one-time' ? w.oneTimeSupply : fill(w.correctionSupply, { supplyBy: chineseDate(data.supplyBy) }));
  if (data.bringTo) c.paragraph(fill(w.bringTo, { bringTo: data.bringTo }));
  c.paragraph(w.fiveDayRule, { size: SIZE.table });
  counterBlock(c, data.counter);
  sealArea(c, data.ref.agency, data.ref.issuedOn, '（受理专用章）');
  return c.finish();
}

export function sampleCorrectionNotice(): CorrectionNotice {
  return {
    ref: sampleRef('补', '0045'),
    variant: 'one-time',
    applicant: sampleApplicant,
    project: sampleProject,
    itemName: '建筑工程施工许可证核发',
    receivedOn: '2025-09-26',
    deficiencies: [
      {
        material: '施工图设计文件审查合格书',
        problem: '未提交',
        requirement: '复印件1份，加盖建设单位公章并注明“与原件一致”',
      },
      {
        material: '中标通知书及施工合同',
        problem: '施工合同缺少第 12 页至第 15 页，且合同金额与中标通知书不一致',
        requirement: '完整施工合同复印件1份，并提供金额差异的书面说明原件1份',
      },
      {
        material: '授权委托书',
        problem: '委托期限已过期',
        requirement: '原件1份，由法定代表人签字并加盖公章',
      },
    ],
    supplyBy: '2025-10-13',
    counter: sampleCounter,
    bringTo: '市民中心 B 区 3 楼综合受理窗口（工作日 9:00—17:00）',
  };
}
