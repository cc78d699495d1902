/**
 * SM2/SM3 through sm-crypto, with our own randomness. sm-crypto draws private keys and the
 * per-signature nonce k from an RC4 stream seeded once per process; a biased or repeated k
 * gives the private key away, so both come from node:crypto here (64 random bytes reduced
 * mod n-1, which leaves no measurable bias) and are handed to sm-crypto's own arithmetic.
 */
import { createHash, randomBytes } from 'node:crypto';
import smCrypto, { type KeyPairPoint } from 'sm-crypto';
import { DEFAULT_SM2_USER_ID } from '../../shared/domain/signing';

const { sm2, sm3 } = smCrypto;

/** Parts of sm-crypto 0.5 that @types/sm-crypto does not describe. */
interface Sm2Extras {
  /** The scalar comes from `source` (a big number in `radix`) instead of sm-crypto's generator. */
  generateKeyPairHex(source: string, radix: 16): { privateKey: string; publicKey: string };
  getPublicKeyFromPrivateKey(privateKeyHex: string): string;
  /** Whether the hex is a point on the curve. */
  verifyPublicKey(publicKeyHex: string): boolean;
}
const sm2x = sm2 as unknown as Sm2Extras;
const keyPairFrom = (source: string, radix: 16) => sm2x.generateKeyPairHex(source, radix);

type BigIntegerCtor = new (value: string, radix: number) => KeyPairPoint['k'];
// The points sm-crypto signs with are built from its own big-integer class (jsbn); taking the
// constructor from one of its values avoids depending on its transitive package by name.
const BigInteger = (sm2.getPoint().k as object).constructor as BigIntegerCtor;

export interface Sm2KeyPair {
  /** 64 hex digits. */
  privateKey: string;
  /** 04 || x || y, 130 hex digits. */
  publicKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  return keyPairFrom(randomBytes(64).toString('hex'), 16);
}

export function publicKeyOf(privateKeyHex: string): string {
  return sm2x.getPublicKeyFromPrivateKey(privateKeyHex);
}

function freshPoint(): KeyPairPoint {
  const pair = keyPairFrom(randomBytes(64).toString('hex'), 16);
  return {
    ...pair,
    k: new BigInteger(pair.privateKey, 16),
    x1: new BigInteger(pair.publicKey.slice(2, 66), 16),
  };
}

/** SM2 signature (DER, hex) over `message` with Z_A from the default signer id. */
export function sm2Sign(message: Uint8Array, privateKeyHex: string, publicKeyHex: string): string {
  // One point is enough: sm-crypto only draws another (from its own generator) when r or s
  // comes out zero, which happens with probability about 2^-256.
  const pointPool = [freshPoint()];
  return sm2.doSignature(Array.from(message), privateKeyHex, {
    der: true,
    hash: true,
    publicKey: publicKeyHex,
    userId: DEFAULT_SM2_USER_ID,
    pointPool,
  });
}

export function sm2Verify(message: Uint8Array, signatureDerHex: string, publicKeyHex: string): boolean {
  try {
    return sm2.doVerifySignature(Array.from(message), signatureDerHex, publicKeyHex, {
      der: true,
      hash: true,
      userId: DEFAULT_SM2_USER_ID,
    });
  } catch {
    // Malformed keys or encodings make sm-crypto throw; for a verifier that is simply "invalid".
    return false;
  }
}

export function isValidSm2PublicKey(publicKeyHex: string): boolean {
  try {
    return sm2x.verifyPublicKey(publicKeyHex);
  } catch {
    return false;
  }
}

export function sm3Hex(bytes: Uint8Array): string {
  return sm3(Array.from(bytes));
}

export function sm3OfText(text: string): string {
  return sm3Hex(Buffer.from(text, 'utf8'));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SubjectPublicKeyInfo header for an uncompressed SM2 point (id-ecPublicKey, curve sm2). */
const SPKI_SM2_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

/** The public key as PEM, for verifiers such as `openssl pkeyutl -verify -digest sm3`. */
export function publicKeyPem(publicKeyHex: string): string {
  const der = Buffer.concat([SPKI_SM2_PREFIX, Buffer.from(publicKeyHex, 'hex')]);
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
