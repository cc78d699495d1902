import { z } from 'zod';
import { checkIdNumber } from '../domain/identifiers/id-number';
import { CaseRef, DecisionContent, ExportedSignature, Hex64, MAX_BATCH, SignatureRecord } from '../domain/signing';
import { Empty, IsoDateTime, Ok, method } from './contract-kit';

/** Largest handwritten signature image accepted, decoded. */
export const MAX_SIGNATURE_IMAGE_BYTES = 200 * 1024;

const Credential = z.string().min(1, '请输入密码').max(128, '密码最多128位');
export const SigningPin = z.string().regex(/^\d{6,12}$/, 'PIN 应为6到12位数字');
const IdNumber = z
  .string()
  .max(32, '身份证号最多18位')
  .superRefine((v, ctx) => {
    const r = checkIdNumber(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });
const Ticket = z.string().regex(/^[0-9a-f]{64}$/, '签名授权格式不正确，请领导重新验证身份');
const UserId = z.string().min(1, '请选择领导').max(64);

export const LeaderKeyView = z.object({
  keyId: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  department: z.string().nullable(),
  publicKey: z.string(),
  /** SM3 of the public key, first 16 hex digits in groups of four: read aloud to compare. */
  fingerprint: z.string(),
  createdAt: IsoDateTime,
  hasPin: z.boolean(),
  /** Too many wrong credentials: an administrator must provision a new key. */
  locked: z.boolean(),
});
export type LeaderKeyView = z.infer<typeof LeaderKeyView>;

export const SignItem = z
  .object({
    caseRef: CaseRef,
    content: DecisionContent,
    documentSha256: Hex64,
    /** Handwritten signature from the pen or touch screen, PNG in base64, printed on the document. */
    signatureImage: z
      .base64('签名图片应为 base64 编码的 PNG')
      .max(Math.ceil(MAX_SIGNATURE_IMAGE_BYTES / 3) * 4, '签名图片不能超过200KB，请清除后重新签写')
      .optional(),
  })
  .strict();
export type SignItem = z.infer<typeof SignItem>;

export const SignedItem = z.object({
  signatureId: z.string(),
  caseRef: z.string(),
  /** The line printed on the decision document. */
  reference: z.string(),
  record: SignatureRecord,
});

export const VerifyResult = z.object({
  valid: z.boolean(),
  /** Why it failed, in words for the clerk; null when valid. */
  reason: z.string().nullable(),
  /** Whether the public key is a leader key provisioned on this workstation. */
  registeredKey: z.boolean(),
  /** The hall window where the leader signed, when that was another window (the back office); else null. */
  hallWindow: z.string().nullable(),
  record: SignatureRecord.nullable(),
  reference: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const signingMethods = {
  'signing.provisionKey': method({
    input: z
      .object({ userId: UserId, credential: Credential, idNumber: IdNumber.optional(), pin: SigningPin.optional() })
      .strict()
      .refine((v) => (v.idNumber === undefined) === (v.pin === undefined), { message: '身份证号和 PIN 需同时填写', path: ['pin'] }),
    output: LeaderKeyView,
    access: ['admin'],
    summary: 'create a leader signing key, encrypted under the leader’s password (leader present)',
  }),
  'signing.listKeys': method({ input: Empty, output: z.array(LeaderKeyView), access: ['admin'], summary: 'leader signing keys in use' }),
  'signing.setPin': method({
    input: z.object({ credential: Credential, idNumber: IdNumber, pin: SigningPin }).strict(),
    output: LeaderKeyView,
    access: ['leader'],
    summary: 'let the logged-in leader unlock the signing key with ID card + PIN',
  }),
  'signing.authenticate': method({
    input: z.union([
      z.object({ username: z.string().trim().min(1, '请输入领导用户名').max(64), password: Credential }).strict(),
      z.object({ idNumber: IdNumber, pin: SigningPin }).strict(),
    ]),
    output: z.object({
      ticket: z.string(),
      expiresAt: IsoDateTime,
      leader: z.object({ userId: z.string(), displayName: z.string(), department: z.string().nullable() }),
      publicKey: z.string(),
      fingerprint: z.string(),
    }),
    access: 'user',
    summary: 'a leader steps up at the window: unlocks the signing key for one signing act',
  }),
  'signing.cancel': method({ input: z.object({ ticket: Ticket }).strict(), output: Ok, access: 'user', summary: 'wipe a signing ticket' }),
  'signing.sign': method({
    input: z
      .object({
        ticket: Ticket,
        items: z.array(SignItem).min(1, '请选择要签署的办件').max(MAX_BATCH, `一次最多签署${MAX_BATCH}件，请分批签署`),
        confirmedEach: z.literal(true, { message: '请领导逐件查看并确认后再签名' }),
      })
      .strict()
      .refine((v) => new Set(v.items.map((i) => i.caseRef)).size === v.items.length, {
        message: '同一办件在本批中出现了两次',
        path: ['items'],
      }),
    output: z.object({ signatures: z.array(SignedItem) }),
    access: 'user',
    summary: 'sign decisions with the leader’s SM2 key',
  }),
  'signing.verify': method({
    input: z.union([
      z
        .object({ signatureId: z.string().min(1).max(64), content: DecisionContent.optional(), documentSha256: Hex64.optional() })
        .strict()
        .refine((v) => (v.content === undefined) === (v.documentSha256 === undefined), {
          message: '决定内容和文书哈希需同时提供',
          path: ['content'],
        }),
      z.object({ record: SignatureRecord, content: DecisionContent, documentSha256: Hex64 }).strict(),
    ]),
    output: VerifyResult,
    access: 'public',
    summary: 'verify a stored or exported signature',
  }),
  'signing.export': method({
    input: z.object({ signatureId: z.string().min(1).max(64) }).strict(),
    output: z.object({ signature: ExportedSignature, publicKeyPem: z.string() }),
    access: 'user',
    summary: 'a signature as a self-contained file for verifiers',
  }),
};
