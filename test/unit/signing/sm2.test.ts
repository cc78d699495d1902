import { describe, expect, it } from 'vitest';
import smCrypto from 'sm-crypto';
import { generateSm2KeyPair, isValidSm2PublicKey, publicKeyOf, sm2Sign, sm2Verify, sm3Hex } from '../../../electron/signing/sm2';

describe('SM2/SM3 with sm-crypto', () => {
  it('computes the SM3 test vector of GB/T 32905 (abc)', () => {
    expect(sm3Hex(Buffer.from('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('makes key pairs from node:crypto randomness that sm-crypto accepts', () => {
    const a = generateSm2KeyPair();
    const b = generateSm2KeyPair();
    expect(a.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(a.privateKey).not.toBe(b.privateKey);
    expect(publicKeyOf(a.privateKey)).toBe(a.publicKey);
    expect(isValidSm2PublicKey(a.publicKey)).toBe(true);
    expect(isValidSm2PublicKey('04' + '1'.repeat(128))).toBe(false);
  });

  it('signs with a fresh nonce each time, and sm-crypto’s own signer agrees on the format', () => {
    const { privateKey, publicKey } = generateSm2KeyPair();
    const msg = Buffer.alloc(32, 7);
    const s1 = sm2Sign(msg, privateKey, publicKey);
    const s2 = sm2Sign(msg, privateKey, publicKey);
    expect(s1).not.toBe(s2);
    expect(s1.startsWith('30')).toBe(true);
    expect(sm2Verify(msg, s1, publicKey)).toBe(true);
    expect(sm2Verify(msg, s2, publicKey)).toBe(true);
    const theirs = smCrypto.sm2.doSignature(Array.from(msg), privateKey, { der: true, hash: true });
    expect(sm2Verify(msg, theirs, publicKey)).toBe(true);
  });

  it('fails on a changed message, signature or key, and never throws on garbage', () => {
    const { privateKey, publicKey } = generateSm2KeyPair();
    const msg = Buffer.alloc(32, 1);
    const sig = sm2Sign(msg, privateKey, publicKey);
    const other = Buffer.from(msg);
    other[31] = 2;
    expect(sm2Verify(other, sig, publicKey)).toBe(false);
    const flipped = sig.slice(0, -2) + (sig.endsWith('00') ? '01' : '00');
    expect(sm2Verify(msg, flipped, publicKey)).toBe(false);
    expect(sm2Verify(msg, sig, generateSm2KeyPair().publicKey)).toBe(false);
    expect(sm2Verify(msg, 'zz', publicKey)).toBe(false);
    expect(sm2Verify(msg, sig, 'nonsense')).toBe(false);
  });
});
