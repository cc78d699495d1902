import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrapPrivateKey, wrapAad, wrapPrivateKey, WrappedKey } from '../../../electron/signing/key-wrap';

// Cheaper scrypt than production so the suite stays quick; the code path is the same.
const FAST = { N: 1024, r: 8, p: 1 };

describe('private key at rest', () => {
  const aad = wrapAad('user-1', '04' + 'ab'.repeat(64));

  it('opens only with the credential it was sealed with, and never holds the key in clear', async () => {
    const key = randomBytes(32);
    const wrapped = await wrapPrivateKey(key, 'leader-pass-1', aad, FAST);
    expect(WrappedKey.parse(wrapped)).toEqual(wrapped);
    const stored = JSON.stringify(wrapped);
    expect(stored).not.toContain(key.toString('hex'));
    expect(stored).not.toContain(key.toString('base64'));
    expect((await unwrapPrivateKey(wrapped, 'leader-pass-1', aad))?.equals(key)).toBe(true);
    expect(await unwrapPrivateKey(wrapped, 'leader-pass-2', aad)).toBeNull();
    expect(await unwrapPrivateKey(wrapped, '', aad)).toBeNull();
  });

  it('salts every wrap: the same key and credential never give the same ciphertext', async () => {
    const key = randomBytes(32);
    const a = await wrapPrivateKey(key, '246810', aad, FAST);
    const b = await wrapPrivateKey(key, '246810', aad, FAST);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses a wrap moved to another owner or edited on disk', async () => {
    const key = randomBytes(32);
    const wrapped = await wrapPrivateKey(key, 'leader-pass-1', aad, FAST);
    expect(await unwrapPrivateKey(wrapped, 'leader-pass-1', wrapAad('user-2', '04' + 'ab'.repeat(64)))).toBeNull();
    const ct = Buffer.from(wrapped.ciphertext, 'base64');
    ct[0] = ct[0]! ^ 1;
    expect(await unwrapPrivateKey({ ...wrapped, ciphertext: ct.toString('base64') }, 'leader-pass-1', aad)).toBeNull();
    expect(await unwrapPrivateKey({ ...wrapped, kdf: { ...wrapped.kdf, N: 2048 } }, 'leader-pass-1', aad)).toBeNull();
  });
});
