import { scrypt } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * The one scrypt wrapper: login passwords (passwords.ts) and leader key wraps (signing/key-wrap.ts).
 * maxmem follows the parameters, so raising N or r later does not trip Node's 32 MB default. The
 * secret is used as given: key wraps normalize to NFC themselves, while password hashes made
 * without normalizing must keep verifying.
 */
export function scryptKey(secret: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  const options = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p };
  return new Promise((resolve, reject) => scrypt(secret, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}
