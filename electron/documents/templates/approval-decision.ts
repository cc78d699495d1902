import { AppError } from '../../../shared/api/errors';
import { barcodeBand, documentNumberLine, remediesParagraph, salutation, sealArea } from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import { chineseDate, chineseDateTime } from '../format';
import type { ApprovalDecision } from '../types';
import { sampleApplicant, sampleProject, sampleRef, sampleRemedies } from './samples';
import { sampleSignaturePng } from './sample-signature';

export const APPROVAL_TITLE = '准予行政许可决定书';

/** SM2 signature with SM3 digest (GB/T 32918, GB/T 32905). */
export const SM2_WITH_SM3_OID = '1.2.156.10197.1.501';

async function embedSignature(c: Composer, base64: string) {
  try {
    return await c.doc.embedPng(Uint8Array.from(Buffer.from(base64, 'base64')));
  } catch {
    throw new AppError('VALIDATION', '领导签名图片无法识别（应为PNG图片），请让签批领导在签名板上重新签名', [
      { path: 'leader.signaturePng', message: 'not a PNG image' },
    ]);
  }
}

export async function renderApprovalDecision(data: ApprovalDecision): Promise<Uint8Array> {
  const c = await Composer.create({ title: APPROVAL_TITLE, caseNumber: data.ref.caseNumber, subject: data.itemName });
  const signature = data.leader.signaturePng ? await embedSignature(c, data.leader.signaturePng) : undefined;
  await barcodeBand(c, data.ref);
  c.title(APPROVAL_TITLE);
  documentNumberLine(c, data.ref);
  salutation(c, data.applicant);
  c.paragraph(
    `你（单位）于${chineseDate(data.receivedOn)}提出的“${data.itemName}”申请（项目名称：${data.project.name}；` +
      `项目代码：${data.project.code}；建设地点：${data.project.address}），本机关于${chineseDate(data.acceptedOn)}依法受理。` +
      `经审查，该申请符合法定条件、标准，根据${data.legalBasis}的规定，决定准予行政许可。`,
  );
  for (const p of data.decision) c.paragraph(p);
  if (data.result) c.paragraph(`许可结果：${data.result}。`);
  remediesParagraph(c, data.remedies, '本决定书');

  // Signature block: the leader's handwriting and the reference of the SM2 signature that
  // makes the electronic original verifiable (电子签名法 art. 13-14).
  c.space(12);
  const blockHeight = 112;
  c.keep(blockHeight + 100);
  const top = c.cursor;
  const x = c.left;
  c.drawLine(`签发人：${data.leader.title}\u3000${data.leader.name}`, x, top - 14, SIZE.body);
  if (signature) {
    const h = 40;
    const w = Math.min(150, (signature.width / signature.height) * h);
    c.image(signature, x + 8, top - 22, w, h);
  } else {
    c.hRule(top - 56, 0.5, x + 8, x + 158);
  }
  c.drawLine(`签批时间：${chineseDateTime(data.leader.signedAt)}`, x, top - 78, SIZE.small);
  c.drawLine(`电子签名：SM2/SM3（OID ${SM2_WITH_SM3_OID}）`, x, top - 91, SIZE.small, { grey: true });
  const refLines = c.wrap(`签名值引用：${data.leader.sm2.signatureRef}`, SIZE.small, c.textWidth * 0.55);
  let y = top - 104;
  for (const line of refLines) {
    c.drawLine(line, x, y, SIZE.small, { grey: true });
    y -= 12;
  }
  if (data.leader.sm2.certificateSerial) {
    c.drawLine(`证书序列号：${data.leader.sm2.certificateSerial}`, x, y, SIZE.small, { grey: true });
    y -= 12;
  }
  c.moveTo(top);
  sealArea(c, data.ref.agency, data.ref.issuedOn, '（行政许可专用章）');
  c.moveTo(Math.min(c.cursor, y));
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
