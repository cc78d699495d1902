/**
 * A leader's private key at rest: AES-256-GCM under a key derived from the leader's credential
 * (password or PIN) with scrypt. The workstation keeps only this; without the credential it
 * cannot sign. The associated data binds a wrap to its owner and public key, so a wrap copied
 * into another leader's row does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { scryptKey, type ScryptParams } from '../session/scrypt';
import { z } from 'zod';

/** 32 MiB and about 0.4 s per try here: costly for a thief guessing offline, bearable once at the window. */
export const DEFAULT_KDF = { N: 32768, r: 8, p: 1 } as const;

export const WrappedKey = z
  .object({
    v: z.literal(1),
    kdf: z
      .object({
        alg: z.literal('scrypt'),
        N: z.number().int().positive(),
        r: z.number().int().positive(),
        p: z.number().int().positive(),
        salt: z.base64(),
      })
      .strict(),
    cipher: z.literal('aes-256-gcm'),
    iv: z.base64(),
    tag: z.base64(),
    ciphertext: z.base64(),
  })
  .strict();
export type WrappedKey = z.infer<typeof WrappedKey>;

export type KdfParams = ScryptParams;

/** The key-encryption key: a PIN or password typed on any keyboard yields the same NFC text. */
function scrypt(secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return scryptKey(secret.normalize('NFC'), salt, 32, params);
}

export function wrapAad(userId: string, publicKeyHex: string): Buffer {
  return Buffer.from(`onewindow-leader-key/1|${userId}|${publicKeyHex}`, 'utf8');
}

export async function wrapPrivateKey(
  privateKey: Buffer,
  credential: string,
  aad: Buffer,
  params: KdfParams = DEFAULT_KDF,
): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const kek = await scrypt(credential, salt, params);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(privateKey), cipher.final()]);
    return {
      v: 1,
      kdf: { alg: 'scrypt', ...params, salt: salt.toString('base64') },
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  } finally {
    kek.fill(0);
  }
}

/** The private key, or null when the credential is wrong (GCM refuses the tag). */
export async function unwrapPrivateKey(wrapped: WrappedKey, credential: string, aad: Buffer): Promise<Buffer | null> {
  const kek = await scrypt(credential, Buffer.from(wrapped.kdf.salt, 'base64'), wrapped.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}
