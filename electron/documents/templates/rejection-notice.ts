import { barcodeBand, counterBlock, documentNumberLine, remediesParagraph, salutation, sealArea } from '../layout/blocks';
import { Composer } from '../layout/composer';
import { chineseDate } from '../format';
import { documentWording, fill } from '../wording';
import type { RejectionNotice } from '../types';
import { sampleApplicant, sampleCounter, sampleProject, sampleRef, sampleRemedies } from './samples';

export const REJECTION_TITLE = '不予受理决定书';

const ORDINALS = '一二三四五六七八九十';

export async function renderRejectionNotice(data: RejectionNotice): Promise<Uint8Array> {
  const w = documentWording().rejectionNotice;
  const c = await Composer.create({ title: w.title, caseNumber: data.ref.caseNumber, subject: data.itemName });
  await barcodeBand(c, data.ref);
  c.title(w.title);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  const project = data.project ? `（项目名称：${data.project.name}；项目代码：${data.project.code}）` : '';
  c.paragraph(fill(w.body, { receivedOn: chineseDate(data.receivedOn), itemName: data.itemName, project }));
  data.reasons.forEach((reason, i) => c.paragraph(`${ORDINALS[i] ?? String(i + 1)}、${reason}`));
  c.paragraph(fill(w.decision, { legalBasis: data.legalBasis }));
  remediesParagraph(c, data.remedies, '本决定书');
  counterBlock(c, data.counter);
  sealArea(c, data.ref.agency, data.ref.issuedOn, '（受理专用章）');
  return c.finish();
}

export function sampleRejectionNotice(): RejectionNotice {
  return {
    ref: sampleRef('不受', '0007'),
    applicant: sampleApplicant,
    project: sampleProject,
    itemName: '建筑工程施工许可证核发',
    receivedOn: '2025-09-26',
    reasons: [
      '该工程的工程投资额为 25 万元且建筑面积为 260 平方米，依照本省规定无需申请办理施工许可证。',
      '申请事项依法不属于本机关职权范围。',
    ],
    legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项、第（二）项',
    remedies: sampleRemedies,
    counter: sampleCounter,
  };
}
