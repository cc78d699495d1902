import { barcodeBand, documentNumberLine, remediesParagraph, salutation } from '../layout/blocks';
import { Composer } from '../layout/composer';
import { embedLeaderSignature, leaderSignatureBlock } from '../layout/signature-block';
import { chineseDate } from '../format';
import { documentWording, fill } from '../wording';
import type { ApprovalDecision } from '../types';
import { sampleApplicant, sampleProject, sampleRef, sampleRemedies } from './samples';
import { sampleSignaturePng } from './sample-signature';

export const APPROVAL_TITLE = '准予行政许可决定书';

export { SM2_WITH_SM3_OID } from '../layout/signature-block';

export async function renderApprovalDecision(data: ApprovalDecision): Promise<Uint8Array> {
  const c = await Composer.create({ title: APPROVAL_TITLE, caseNumber: data.ref.caseNumber, subject: data.itemName });
  const signature = await embedLeaderSignature(c, data.leader);
  await barcodeBand(c, data.ref);
  c.title(APPROVAL_TITLE);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  c.paragraph(
    fill(documentWording().approvalDecision.body, {
      receivedOn: chineseDate(data.receivedOn),
      itemName: data.itemName,
      projectName: data.project.name,
      projectCode: data.project.code,
      projectAddress: data.project.address,
      acceptedOn: chineseDate(data.acceptedOn),
      legalBasis: data.legalBasis,
    }),
  );
  for (const p of data.decision) c.paragraph(p);
  if (data.result) c.paragraph(`许可结果：${data.result}。`);
  remediesParagraph(c, data.remedies, '本决定书');

  leaderSignatureBlock(c, data.leader, signature, data.ref);
  return c.finish();
}

export function sampleApprovalDecision(): ApprovalDecision {
  return {
    ref: sampleRef('许', '0088'),
    applicant: sampleApplicant,
    project: sampleProject,
    itemName: '建筑工程施工许可证核发',
    receivedOn: '2025-09-26',
    acceptedOn: '2025-09-26',
    decision: [
      '准予你单位按照经审查合格的施工图设计文件和本决定书载明的建设内容施工。',
      '请自领取施工许可证之日起三个月内开工；因故不能按期开工的，应当在期满前向本机关申请延期。',
    ],
    legalBasis: '《中华人民共和国建筑法》第八条及《建筑工程施工许可管理办法》第四条',
    result: '建筑工程施工许可证（编号：330106202509260101）',
    remedies: sampleRemedies,
    leader: {
      name: '陈建国',
      title: '副局长',
      signedAt: '2025-09-29T15:20',
      signaturePng: sampleSignaturePng(),
      sm2: {
        signatureRef: 'SM3:6f1e0c2a9b4d7e3f5a8c1b2d4e6f7a9c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f',
        certificateSerial: '2A7F0C93E1B4',
      },
    },
  };
}
