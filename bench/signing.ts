/**
 * Leader signing costs at the window: unlocking a key (scrypt at production parameters), one
 * SM2/SM3 signature and verification with sm-crypto, and a full batch of 20 through the
 * service on a real SQLite file. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MAX_BATCH } from '../shared/domain/signing';
import { DEFAULT_KDF, unwrapPrivateKey, wrapAad, wrapPrivateKey } from '../electron/signing/key-wrap';
import { contentHashOf, verifyRecord } from '../electron/signing/verify';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../electron/signing/sm2';

import { openWorkstation } from '../electron/workstation';

const sample = {
  caseNumber: 'BJ-2025-000123',
  documentNumber: '建许字〔2025〕12号',
  itemCode: '11330106MB0000001-001',
  itemName: '建筑工程施工许可证核发',
  department: '区住房和城乡建设局',
  decision: 'approve' as const,
  opinion: '经审查，申请材料齐全、符合法定形式，准予许可。',
  applicant: { name: '杭州示范建设有限公司', idKind: 'uscc' as const, idNumber: '91330106MA27XL0J6B' },
  project: { code: '2025-330106-47-01-123456', name: '西溪路综合楼新建工程' },
  decisionDate: '2025-03-01',
};

function timeIt(n: number, fn: () => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}

export async function run(print: (line: string) => void): Promise<void> {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const aad = wrapAad('u', publicKey);
  const wrapped = await wrapPrivateKey(Buffer.from(privateKey, 'hex'), 'leader-pass-1', aad);
  let start = process.hrtime.bigint();
  const UNLOCKS = 5;
  for (let i = 0; i < UNLOCKS; i++) await unwrapPrivateKey(wrapped, 'leader-pass-1', aad);
  print(
    `key unlock (scrypt N=${DEFAULT_KDF.N} r=${DEFAULT_KDF.r} + AES-256-GCM): ${(Number(process.hrtime.bigint() - start) / 1e6 / UNLOCKS).toFixed(1)} ms`,
  );

  const msg = randomBytes(32);
  timeIt(3, () => sm2Sign(msg, privateKey, publicKey)); // warm the JIT
  const sig = sm2Sign(msg, privateKey, publicKey);
  print(`keygen: ${timeIt(10, () => generateSm2KeyPair()).toFixed(1)} ms`);
  print(`SM2 sign (SM3 with Z_A, DER): ${timeIt(20, () => sm2Sign(msg, privateKey, publicKey)).toFixed(1)} ms`);
  print(`SM2 verify: ${timeIt(20, () => sm2Verify(msg, sig, publicKey)).toFixed(1)} ms`);
  print(`canonical JSON + SM3 of one decision: ${timeIt(1000, () => contentHashOf(sample, 'a'.repeat(64))).toFixed(3)} ms`);

  process.env.ONEWINDOW_LOG = 'silent';
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-signing-'));
  const ws = openWorkstation({ dataDir: dir, hostKind: 'browser-host', noLock: true });
  try {
    const leader = await ws.users.create(
      { username: 'leader', displayName: '李局长', password: 'leader-pass-1', role: 'leader', department: null },
      null,
    );
    const clerk = await ws.users.create(
      { username: 'clerk', displayName: '张窗口', password: 'clerk-pass-1', role: 'clerk', department: null },
      null,
    );
    const service = ws.signing;
    start = process.hrtime.bigint();
    await service.provisionKey({ userId: leader.id, credential: 'leader-pass-1' }, 'bench');
    print(`provision (password check + keygen + seal): ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`);
    const clerkView = {
      id: clerk.id,
      username: clerk.username,
      displayName: clerk.displayName,
      role: clerk.role,
      department: null,
      disabled: false,
    };
    start = process.hrtime.bigint();
    const { ticket } = await service.authenticate({ username: 'leader', password: 'leader-pass-1' }, clerkView);
    print(`step-up authentication: ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`);
    const items = Array.from({ length: MAX_BATCH }, (_, i) => ({
      caseRef: `case-${i}`,
      content: { ...sample, caseNumber: `BJ-2025-${String(i).padStart(6, '0')}` },
      documentSha256: randomBytes(32).toString('hex'),
    }));
    start = process.hrtime.bigint();
    const signed = service.sign({ ticket, items, confirmedEach: true }, clerkView);
    const batchMs = Number(process.hrtime.bigint() - start) / 1e6;
    print(`batch of ${MAX_BATCH} signed, stored and journaled: ${batchMs.toFixed(0)} ms (${(batchMs / MAX_BATCH).toFixed(1)} ms per case)`);
    start = process.hrtime.bigint();
    for (const s of signed)
      verifyRecord(s.record, { content: items.find((i) => i.caseRef === s.caseRef)!.content, documentSha256: s.record.documentSha256 });
    print(`verify ${MAX_BATCH} records with content: ${(Number(process.hrtime.bigint() - start) / 1e6 / MAX_BATCH).toFixed(1)} ms each`);
  } finally {
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
