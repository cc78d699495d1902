/** Leader keys (`workstation` stream) and the SM2 signatures over decisions (`case:<id>`). */
import { z } from 'zod';
import { Sha256, defineEvent } from './common';

/**
 * The decision as signed (shared/domain/signing DecisionContent, without its input checks): a
 * window of the hall that did not sign it (the accepting and the issuing window) re-hashes it to
 * verify the signature. Optional: events journaled before session 4 do not carry it.
 */
const SignedContent = z.object({
  caseNumber: z.string(),
  documentNumber: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  department: z.string(),
  decision: z.enum(['approve', 'reject']),
  opinion: z.string(),
  applicant: z.object({ name: z.string(), idKind: z.enum(['id-card', 'uscc', 'other']), idNumber: z.string() }),
  project: z.object({ code: z.string().nullable(), name: z.string() }),
  decisionDate: z.string(),
});

export const signingEvents = [
  defineEvent(
    'signing.key-provisioned',
    1,
    z.object({ userId: z.string(), keyId: z.string(), publicKey: z.string(), replacedKeyId: z.string().nullable(), withPin: z.boolean() }),
  ),
  defineEvent('signing.pin-set', 1, z.object({ userId: z.string(), keyId: z.string() })),
  // Everything a verifier needs, never the private key.
  defineEvent(
    'decision.signed',
    1,
    z.object({
      signatureId: z.string(),
      algorithm: z.string(),
      contentHash: z.string(),
      documentSha256: Sha256,
      signatureDer: z.string(),
      publicKey: z.string(),
      signerUserId: z.string(),
      clerkUserId: z.string().nullable(),
      signatureImageSha256: Sha256.nullable(),
      content: SignedContent.optional(),
      /** The leader's display name, as the signing window printed it. */
      signerName: z.string().optional(),
    }),
  ),
] as const;
