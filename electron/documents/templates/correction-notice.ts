import { barcodeBand, counterBlock, deficiencyTable, documentNumberLine, salutation, sealArea } from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { chineseDate } from '../format';
import type { CorrectionNotice } from '../types';
import { sampleApplicant, sampleCounter, sampleProject, sampleRef } from './samples';

/** 一次性告知书 is handed over on the spot; 补正材料通知书 follows an examination (art. 32). */
export function correctionTitle(variant: CorrectionNotice['variant']): string {
  return variant === 'one-time' ? '一次性告知书' : '补正材料通知书';
}

export async function renderCorrectionNotice(data: CorrectionNotice): Promise<Uint8Array> {
  const title = correctionTitle(data.variant);
  const c = await Composer.create({ title, caseNumber: data.ref.caseNumber, subject: data.itemName });
  await barcodeBand(c, data.ref);
  c.title(title);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  const project = data.project ? `（项目名称：${data.project.name}；项目代码：${data.project.code}）` : '';
  c.paragraph(
    `你（单位）于${chineseDate(data.receivedOn)}申请办理的“${data.itemName}”${project}，经审查，申请材料不齐全或者不符合法定形式。` +
      `根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下：`,
  );
  c.space(4);
  deficiencyTable(c, data.deficiencies);
  c.space(6);
  c.paragraph(
    `请于${chineseDate(data.supplyBy)}前按上述要求一次性补正全部材料。补正材料齐全、符合法定形式的，予以受理；` +
      `补正期间不计入办理时限。逾期未补正的，视为撤回本次申请，你（单位）可以重新提出申请。`,
  );
  c.paragraph('除本告知书所列内容外，不再要求你（单位）补正其他材料。', { size: SIZE.body });
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
  };
}
