import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError, DecisionContent, signedPayload } from '../../../shared/domain/signing';
import { decision, DOC_SHA256 } from './fixtures';

describe('canonical JSON', () => {
  it('gives the same text whatever order the keys were built in', () => {
    const a = { b: 1, a: { y: [3, { q: true, p: null }], x: '甲' } };
    const b = { a: { x: '甲', y: [3, { p: null, q: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"甲","y":[3,{"p":null,"q":true}]},"b":1}');
  });

  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does (RFC 8785)', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '1': 4 })).toBe('{"1":4,"Z":3,"z":2,"é":1}');
    expect(canonicalJson([1e21, 0.1, -0, 100])).toBe('[1e+21,0.1,0,100]');
    expect(canonicalJson('引号"与\\换行\n')).toBe('"引号\\"与\\\\换行\\n"');
  });

  it('drops undefined members but refuses values JSON cannot carry', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: [Infinity] })).toThrow(/a\[0\]/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/普通对象/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson('\ud800x')).toThrow(/代理/);
  });

  it('binds the decision and the document hash into one payload', () => {
    const p = signedPayload(decision(), DOC_SHA256);
    expect(p.startsWith('{"content":{"applicant":')).toBe(true);
    expect(p.endsWith(`"documentSha256":"${DOC_SHA256}"}`)).toBe(true);
    expect(signedPayload(decision({ opinion: '经审查，准予许可。' }), DOC_SHA256)).not.toBe(p);
  });
});

describe('decision content', () => {
  it('accepts a well-formed decision unchanged, so a verifier re-parsing it hashes the same bytes', () => {
    const d = decision();
    const parsed = DecisionContent.parse(d);
    expect(canonicalJson(parsed)).toBe(canonicalJson(d));
  });

  it('refuses padded text, unknown fields and wrong identifiers with Chinese messages', () => {
    const padded = DecisionContent.safeParse(decision({ opinion: ' 准予许可 ' }));
    expect(padded.success).toBe(false);
    expect(padded.error?.issues[0]?.message).toMatch(/首尾不能有空格/);
    expect(DecisionContent.safeParse({ ...decision(), extra: 1 }).success).toBe(false);
    const badId = DecisionContent.safeParse(decision({ applicant: { name: '张三', idKind: 'id-card', idNumber: '110105194912310021' } }));
    expect(badId.success).toBe(false);
    expect(badId.error?.issues[0]?.path.join('.')).toBe('applicant.idNumber');
    const badProject = DecisionContent.safeParse(decision({ project: { code: '2025-12', name: '某工程' } }));
    expect(badProject.success).toBe(false);
    expect(DecisionContent.safeParse(decision({ project: { code: null, name: '非项目类事项' } })).success).toBe(true);
  });
});
