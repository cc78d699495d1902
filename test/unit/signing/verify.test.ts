import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SM2_USER_ID,
  OID_SM2,
  OID_SM2_WITH_SM3,
  OID_SM3,
  SIGNATURE_FORMAT,
  signatureReference,
  type SignatureRecord,
} from '../../../shared/domain/signing';
import { generateSm2KeyPair, sm2Sign } from '../../../electron/signing/sm2';
import { contentHashOf, verifyRecord } from '../../../electron/signing/verify';
import { decision, DOC_SHA256 } from './fixtures';

function signed() {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const content = decision();
  const contentHash = contentHashOf(content, DOC_SHA256);
  const der = sm2Sign(Buffer.from(contentHash, 'hex'), privateKey, publicKey);
  const record: SignatureRecord = {
    format: SIGNATURE_FORMAT,
    signatureId: 'sig-1',
    caseRef: 'case-1',
    algorithm: OID_SM2_WITH_SM3,
    publicKeyAlgorithm: OID_SM2,
    digestAlgorithm: OID_SM3,
    sm2UserId: DEFAULT_SM2_USER_ID,
    publicKey,
    signatureDer: Buffer.from(der, 'hex').toString('base64'),
    contentHash,
    documentSha256: DOC_SHA256,
    signer: { userId: 'u1', displayName: '李局长' },
    signedAt: '2025-03-01T02:22:10.000Z',
    signatureImageSha256: null,
  };
  return { record, content };
}

describe('verifying a signature record', () => {
  it('accepts the record with and without its content', () => {
    const { record, content } = signed();
    expect(verifyRecord(record, { content, documentSha256: DOC_SHA256 })).toEqual({ valid: true });
    expect(verifyRecord(record)).toEqual({ valid: true });
  });

  it('breaks on any change to the content, the document hash, the signature or the public key', () => {
    const { record, content } = signed();
    const changedContent = verifyRecord(record, {
      content: { ...content, opinion: content.opinion + '（补充）' },
      documentSha256: DOC_SHA256,
    });
    expect(changedContent).toEqual({ valid: false, reason: expect.stringMatching(/内容被改动/) });
    const changedApplicant = verifyRecord(record, { content: { ...content, decision: 'reject' }, documentSha256: DOC_SHA256 });
    expect(changedApplicant.valid).toBe(false);
    expect(verifyRecord(record, { content, documentSha256: 'b'.repeat(64) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/文书/),
    });
    // Someone recomputes the content hash over a new document hash: the signature no longer fits.
    const reHashed = { ...record, documentSha256: 'b'.repeat(64), contentHash: contentHashOf(content, 'b'.repeat(64)) };
    expect(verifyRecord(reHashed, { content, documentSha256: 'b'.repeat(64) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/签名值验证失败/),
    });
    const der = Buffer.from(record.signatureDer, 'base64');
    der[der.length - 1] = der[der.length - 1]! ^ 1;
    expect(verifyRecord({ ...record, signatureDer: der.toString('base64') }).valid).toBe(false);
    expect(verifyRecord({ ...record, publicKey: generateSm2KeyPair().publicKey }).valid).toBe(false);
    expect(verifyRecord({ ...record, publicKey: '04' + '1'.repeat(128) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/不是有效的SM2公钥/),
    });
  });

  it('prints a short reference in Beijing time', () => {
    const { record } = signed();
    expect(signatureReference(record)).toBe(`SM2/SM3 ${record.contentHash.slice(0, 16)} 李局长 2025-03-01 10:22`);
  });
});
