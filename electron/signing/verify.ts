import { DEFAULT_SM2_USER_ID, signedPayload, type DecisionContent, type SignatureRecord } from '../../shared/domain/signing';
import { isValidSm2PublicKey, sm2Verify, sm3OfText } from './sm2';

export type VerifyOutcome = { valid: true } | { valid: false; reason: string };

/** The SM3 digest the signature covers. */
export function contentHashOf(content: DecisionContent, documentSha256: string): string {
  return sm3OfText(signedPayload(content, documentSha256));
}

/**
 * Checks a record on its own terms: the signature value against its public key over its
 * content hash, and — when the content and document hash are given — that they hash to what
 * was signed. Whether the public key belongs to a leader is the caller's question.
 */
export function verifyRecord(record: SignatureRecord, signed?: { content: DecisionContent; documentSha256: string }): VerifyOutcome {
  if (record.sm2UserId !== DEFAULT_SM2_USER_ID) {
    return { valid: false, reason: `签名使用了不支持的签名者标识（${record.sm2UserId}），无法核验` };
  }
  if (!isValidSm2PublicKey(record.publicKey)) return { valid: false, reason: '公钥不是有效的SM2公钥（公钥被改动或损坏）' };
  if (signed) {
    if (signed.documentSha256 !== record.documentSha256) {
      return { valid: false, reason: '决定书文件的哈希与签名时不一致（文书被改动或不是同一份）' };
    }
    if (contentHashOf(signed.content, signed.documentSha256) !== record.contentHash) {
      return { valid: false, reason: '决定内容与签名时不一致（内容被改动）' };
    }
  }
  const der = Buffer.from(record.signatureDer, 'base64').toString('hex');
  if (!sm2Verify(Buffer.from(record.contentHash, 'hex'), der, record.publicKey)) {
    return { valid: false, reason: '签名值验证失败（签名值、公钥或内容哈希被改动）' };
  }
  return { valid: true };
}
