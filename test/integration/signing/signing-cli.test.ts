import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportedSignature } from '../../../shared/domain/signing';
import { startTestHost, type TestHost } from '../../helpers/workstation';
import { decision } from '../../unit/signing/fixtures';
import { LEADER, leaderAndClerk, ok } from './leader-setup';
import { runSigningCli } from './run-cli';

let t: TestHost;
let file: string;
let pdf: string;
let signatureId: string;

beforeEach(async () => {
  t = await startTestHost();
  await leaderAndClerk(t);
  // Any bytes stand in for the decision PDF: the signature covers its SHA-256.
  pdf = join(t.dir, 'decision.pdf');
  writeFileSync(pdf, '%PDF-1.7\n准予许可决定书\n%%EOF\n');
  const documentSha256 = execFileSync('sha256sum', [pdf], { encoding: 'utf8' }).split(' ')[0]!;
  const auth = await ok<{ ticket: string }>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
  const signed = await ok<{ signatures: { signatureId: string }[] }>(t, 'signing.sign', {
    ticket: auth.ticket,
    items: [{ caseRef: 'case-7', content: decision(), documentSha256 }],
    confirmedEach: true,
  });
  signatureId = signed.signatures[0]!.signatureId;
  file = join(t.dir, 'signature.json');
});
afterEach(async () => {
  await t.close();
});

describe('onewindow signing export / verify', () => {
  it('exports a self-contained file that verifies, together with the printed PDF', async () => {
    const exp = await runSigningCli(
      ['signing', 'export'],
      [signatureId, '--out', file, '--pem', join(t.dir, 'leader.pem'), '--data-dir', t.ws.dataDir],
    );
    expect(exp.err).toEqual([]);
    expect(exp.code).toBe(0);
    const exported = ExportedSignature.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(exported.algorithm).toBe('1.2.156.10197.1.501');
    expect(exported.content?.caseNumber).toBe('BJ-2025-000123');
    const v = await runSigningCli(['signing', 'verify'], [file, '--document', pdf]);
    expect(v.code).toBe(0);
    expect(v.out[0]).toMatch(/^OK 签名有效：SM2\/SM3 [0-9a-f]{16} 李局长 /);
    const fingerprint = /公钥指纹 ([0-9a-f ]+)/.exec(v.out.join('\n'))![1]!;
    expect((await runSigningCli(['signing', 'verify'], [file, '--expect-key', fingerprint])).code).toBe(0);
    const keys = await runSigningCli(['signing', 'keys'], ['--data-dir', t.ws.dataDir]);
    expect(keys.out.join('\n')).toContain(fingerprint);
  });

  it('prints the reason and exits non-zero when the file, the PDF or the key do not match', async () => {
    await runSigningCli(['signing', 'export'], [signatureId, '--out', file, '--data-dir', t.ws.dataDir]);
    const original = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { content: Record<string, unknown> };
    const write = (v: unknown) => writeFileSync(file, JSON.stringify(v));

    write({ ...original, content: { ...original.content, opinion: '不予许可。' } });
    let r = await runSigningCli(['signing', 'verify'], [file]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/签名无效：决定内容与签名时不一致/);

    write({ ...original, signer: { userId: 'x', displayName: '冒名者' }, contentHash: 'c'.repeat(64) });
    r = await runSigningCli(['signing', 'verify'], [file]);
    expect(r.code).toBe(1);

    write(original);
    writeFileSync(pdf, '%PDF-1.7\n不予许可决定书\n%%EOF\n');
    r = await runSigningCli(['signing', 'verify'], [file, '--document', pdf]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/决定书 PDF 与签名时的文件不一致/);

    r = await runSigningCli(['signing', 'verify'], [file, '--expect-key', '0000 0000 0000 0000']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/公钥与指定的领导公钥不符/);

    writeFileSync(file, '{"format":"something-else"}');
    r = await runSigningCli(['signing', 'verify'], [file]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/格式不正确/);
  });

  it('is standard SM2-with-SM3: OpenSSL verifies the exported signature on its own', async () => {
    const pem = join(t.dir, 'leader.pem');
    await runSigningCli(['signing', 'export'], [signatureId, '--out', file, '--pem', pem, '--data-dir', t.ws.dataDir]);
    const exported = ExportedSignature.parse(JSON.parse(readFileSync(file, 'utf8')));
    // The signed message is the 32-byte content hash; Z_A uses the default signer id.
    writeFileSync(join(t.dir, 'msg.bin'), Buffer.from(exported.contentHash, 'hex'));
    writeFileSync(join(t.dir, 'sig.der'), Buffer.from(exported.signatureDer, 'base64'));
    const args = [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      pem,
      '-rawin',
      '-in',
      join(t.dir, 'msg.bin'),
      '-sigfile',
      join(t.dir, 'sig.der'),
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
    ];
    const good = spawnSync('openssl', args, { encoding: 'utf8' });
    expect(good.stdout + good.stderr).toMatch(/Signature Verified Successfully/);
    expect(good.status).toBe(0);
    writeFileSync(join(t.dir, 'msg.bin'), Buffer.from('0'.repeat(64), 'hex'));
    const bad = spawnSync('openssl', args, { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });
});
