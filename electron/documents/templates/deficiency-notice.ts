import {
  applicantFields,
  barcodeBand,
  counterBlock,
  deficiencyTable,
  documentNumberLine,
  itemsTable,
  salutation,
  sealArea,
  signatureLine,
} from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { chineseDate } from '../format';
import type { DeficiencyNotice } from '../types';
import { sampleApplicant, sampleCounter, sampleItems, sampleProject, sampleRef } from './samples';

export const DEFICIENCY_TITLE = '容缺受理通知书';
export const COMMITMENT_TITLE = '容缺受理承诺书';

export async function renderDeficiencyNotice(data: DeficiencyNotice): Promise<Uint8Array> {
  const c = await Composer.create({ title: DEFICIENCY_TITLE, caseNumber: data.ref.caseNumber, subject: data.project.name });
  await barcodeBand(c, data.ref);
  c.title(DEFICIENCY_TITLE);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  c.paragraph(
    `你（单位）于${chineseDate(data.receivedOn)}申请办理的下列事项，基本条件具备、主要申请材料齐全且符合法定形式，` +
      `次要材料尚有欠缺。根据你（单位）作出的容缺受理承诺，决定予以容缺受理。`,
  );
  c.space(4);
  applicantFields(c, data.applicant, [
    ['项目名称', data.project.name],
    ['项目代码', data.project.code],
  ]);
  c.space(6);
  c.paragraph('一、受理事项', { indent: 0, bold: true });
  itemsTable(c, data.items);
  c.space(6);
  c.paragraph('二、容缺材料及补正要求', { indent: 0, bold: true });
  deficiencyTable(c, data.deficiencies);
  c.space(6);
  c.paragraph(
    `请于${chineseDate(data.supplyBy)}前补齐上述材料。容缺材料补齐前不出具办理结果；逾期未补齐的，` +
      `本事项中止办理，中止后十五个工作日内仍未补齐的，按退件处理。`,
  );
  counterBlock(c, data.counter);
  sealArea(c, data.ref.agency, data.ref.issuedOn, '（受理专用章）');

  // The applicant signs the commitment at the window; it is filed with the case.
  c.newPage();
  c.space(10);
  c.title(COMMITMENT_TITLE);
  c.space(12);
  c.paragraph(`${data.ref.agency}：`, { indent: 0 });
  const items = data.items.map((it) => `“${it.name}”`).join('、');
  c.paragraph(
    `本单位（本人）${data.applicant.name}申请办理${items}（项目名称：${data.project.name}），` +
      `因下列材料暂缺或存在瑕疵，申请容缺受理。本单位（本人）郑重承诺：`,
  );
  c.paragraph(`一、于${chineseDate(data.supplyBy)}前按要求补齐下列材料，补齐前不要求出具办理结果；`);
  c.paragraph('二、已提交的申请材料真实、合法、有效，补交材料与已提交材料内容一致；');
  c.paragraph('三、逾期未补齐的，同意中止办理并按规定退件，由此产生的后果由本单位（本人）承担；');
  c.paragraph('四、如有虚假承诺，愿意承担相应法律责任，并同意将失信信息记入信用记录。');
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
    commitment: { signatory: '王晓明', signedOn: '2025-09-26' },
  };
}
