/** Leader keys (`workstation` stream) and the SM2 signatures over decisions (`case:<id>`). */
import { z } from 'zod';
import { Sha256, defineEvent } from './common';

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
    }),
  ),
] as const;
