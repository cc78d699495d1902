import type { PDFImage } from 'pdf-lib';
import { AppError } from '../../../shared/api/errors';
import { chineseDateTime } from '../format';
import type { DocumentRef, LeaderSignature } from '../types';
import { sealArea } from './blocks';
import { SIZE, type Composer } from './composer';

/** SM2 signature with SM3 digest (GB/T 32918, GB/T 32905). */
export const SM2_WITH_SM3_OID = '1.2.156.10197.1.501';

export async function embedLeaderSignature(c: Composer, leader: LeaderSignature): Promise<PDFImage | undefined> {
  if (!leader.signaturePng) return undefined;
  try {
    return await c.doc.embedPng(Uint8Array.from(Buffer.from(leader.signaturePng, 'base64')));
  } catch {
    throw new AppError('VALIDATION', '领导签名图片无法识别（应为PNG图片），请让签批领导在签名板上重新签名', [
      { path: 'leader.signaturePng', message: 'not a PNG image' },
    ]);
  }
}

/**
 * The leader's handwriting and the reference of the SM2 signature that makes the electronic
 * original verifiable (电子签名法 art. 13-14), beside the issuing body's seal area. Shared by
 * the approval and denial decisions and the licences, so all are signed the same way.
 */
export function leaderSignatureBlock(
  c: Composer,
  leader: LeaderSignature,
  signature: PDFImage | undefined,
  ref: DocumentRef,
  sealLabel = '（行政许可专用章）',
): void {
  c.space(12);
  const blockHeight = 112;
  c.keep(blockHeight + 100);
  const top = c.cursor;
  const x = c.left;
  c.drawLine(`签发人：${leader.title}\u3000${leader.name}`, x, top - 14, SIZE.body);
  if (signature) {
    const h = 40;
    const w = Math.min(150, (signature.width / signature.height) * h);
    c.image(signature, x + 8, top - 22, w, h);
  } else {
    c.hRule(top - 56, 0.5, x + 8, x + 158);
  }
  c.drawLine(`签批时间：${chineseDateTime(leader.signedAt)}`, x, top - 78, SIZE.small);
  c.drawLine(`电子签名：SM2/SM3（OID ${SM2_WITH_SM3_OID}）`, x, top - 91, SIZE.small, { grey: true });
  const refLines = c.wrap(`签名值引用：${leader.sm2.signatureRef}`, SIZE.small, c.textWidth * 0.55);
  let y = top - 104;
  for (const line of refLines) {
    c.drawLine(line, x, y, SIZE.small, { grey: true });
    y -= 12;
  }
  if (leader.sm2.certificateSerial) {
    c.drawLine(`证书序列号：${leader.sm2.certificateSerial}`, x, y, SIZE.small, { grey: true });
    y -= 12;
  }
  c.moveTo(top);
  sealArea(c, ref.agency, ref.issuedOn, sealLabel);
  c.moveTo(Math.min(c.cursor, y));
}
