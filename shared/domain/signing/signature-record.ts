/**
 * The signature record: what is stored, journaled, exported and verified. It names its
 * algorithms by OID so a verifier outside OneWindow knows what to run:
 *
 *   contentHash = SM3( UTF-8( canonicalJson({ content, documentSha256 }) ) )
 *   signature   = SM2-sign(privateKey, message = the 32 bytes of contentHash,
 *                          signer id = "1234567812345678")        (GB/T 32918.2, e = SM3(Z_A || M))
 *   encoding    = DER SEQUENCE { r INTEGER, s INTEGER }, base64
 *
 * Signing the digest rather than the content lets anyone check the signature value from the
 * record alone; whoever also holds the content and the PDF recomputes contentHash to check that
 * they are what was signed.
 */
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { DecisionContent } from './decision-content';

export const SIGNATURE_FORMAT = 'onewindow-signature/1';
/** SM2 elliptic curve public key algorithm (GB/T 32918). */
export const OID_SM2 = '1.2.156.10197.1.301';
/** SM3 hash (GB/T 32905). */
export const OID_SM3 = '1.2.156.10197.1.401';
/** SM2 signature with SM3 digest. */
export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501';
/** GB/T 35276 default distinguishing identifier, used when no other was agreed. */
export const DEFAULT_SM2_USER_ID = '1234567812345678';
/** Leaders sign cases one by one on screen; more than this at once stops being "seen". */
export const MAX_BATCH = 20;

export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, '应为64位小写十六进制哈希值');
/** Uncompressed SM2 public key: 04 || x || y. */
export const Sm2PublicKeyHex = z.string().regex(/^04[0-9a-f]{128}$/, '公钥应为04开头的130位小写十六进制');
export const CaseRef = z
  .string()
  .min(1, '请指定办件')
  .max(64, '办件标识最多64个字符')
  .regex(/^[A-Za-z0-9_.:-]+$/, '办件标识只能包含字母、数字和 _ . : -');

export const SignatureRecord = z
  .object({
    format: z.literal(SIGNATURE_FORMAT),
    signatureId: z.string().min(1).max(64),
    caseRef: CaseRef,
    algorithm: z.literal(OID_SM2_WITH_SM3),
    publicKeyAlgorithm: z.literal(OID_SM2),
    digestAlgorithm: z.literal(OID_SM3),
    sm2UserId: z.string().min(1).max(64),
    publicKey: Sm2PublicKeyHex,
    signatureDer: z.base64('签名值应为 base64 编码的 DER').max(200),
    contentHash: Hex64,
    documentSha256: Hex64,
    signer: z.object({ userId: z.string().min(1).max(64), displayName: z.string().min(1).max(64) }).strict(),
    signedAt: z.string().datetime({ offset: true }),
    /** SHA-256 of the handwritten signature image printed with the decision, if any. */
    signatureImageSha256: Hex64.nullable(),
  })
  .strict();
export type SignatureRecord = z.infer<typeof SignatureRecord>;

/** The exported file: the record plus the content it covers, so it verifies on its own. */
export const ExportedSignature = SignatureRecord.extend({ content: DecisionContent.optional() }).strict();
export type ExportedSignature = z.infer<typeof ExportedSignature>;

/** The exact text whose SM3 digest is signed. */
export function signedPayload(content: DecisionContent, documentSha256: string): string {
  return canonicalJson({ content, documentSha256 });
}
