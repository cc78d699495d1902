import { barcodeBand, documentNumberLine, remediesParagraph, salutation } from '../layout/blocks';
import { Composer } from '../layout/composer';
import { embedLeaderSignature, leaderSignatureBlock } from '../layout/signature-block';
import { chineseDate } from '../format';
import { documentWording, fill } from '../wording';
import type { DenialDecision } from '../types';
import { sampleApprovalDecision } from './approval-decision';
import { sampleApplicant, sampleProject, sampleRef, sampleRemedies } from './samples';

export const DENIAL_TITLE = '不予行政许可决定书';

const ORDINALS = '一二三四五六七八九十';

/** 行政许可法 §38 II: a written decision stating the reasons and the rights to appeal and sue. */
export async function renderDenialDecision(data: DenialDecision): Promise<Uint8Array> {
  const c = await Composer.create({ title: DENIAL_TITLE, caseNumber: data.ref.caseNumber, subject: data.itemName });
  const signature = await embedLeaderSignature(c, data.leader);
  await barcodeBand(c, data.ref);
  c.title(DENIAL_TITLE);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  const w = documentWording().denialDecision;
  c.paragraph(
    fill(w.body, {
      receivedOn: chineseDate(data.receivedOn),
      itemName: data.itemName,
      projectName: data.project.name,
      projectCode: data.project.code,
      projectAddress: data.project.address,
      acceptedOn: chineseDate(data.acceptedOn),
    }),
  );
  data.reasons.forEach((reason, i) => c.paragraph(`${ORDINALS[i] ?? String(i + 1)}、${reason}`));
  c.paragraph(fill(w.decision, { legalBasis: data.legalBasis }));
  remediesParagraph(c, data.remedies, '本决定书');
  leaderSignatureBlock(c, data.leader, signature, data.ref);
  return c.finish();
}

export function sampleDenialDecision(): DenialDecision {
  return {
    ref: sampleRef('不许', '0012'),
    applicant: sampleApplicant,
    project: sampleProject,
    itemName: '建筑工程施工许可证核发',
    receivedOn: '2025-09-26',
    acceptedOn: '2025-09-26',
    reasons: ['施工图设计文件未经审查合格，不具备《中华人民共和国建筑法》第八条第一款第（四）项规定的施工条件。'],
    legalBasis: '《中华人民共和国行政许可法》第三十八条第二款',
    remedies: sampleRemedies,
    leader: sampleApprovalDecision().leader,
  };
}
