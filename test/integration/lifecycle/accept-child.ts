/**
 * A workstation process for the kill test: accepts stage applications in a loop and prints each
 * committed case number only after its transaction returned, until the parent SIGKILLs it.
 */
import { acceptStageApplication } from '../../../electron/cases';
import { openWorkstation } from '../../../electron/workstation';
import { acceptInput } from './fixtures';

const dir = process.argv[2];
if (!dir) throw new Error('usage: accept-child <dataDir>');
process.env.ONEWINDOW_LOG = 'silent';
const ws = openWorkstation({ dataDir: dir, hostKind: 'browser-host', now: () => new Date('2026-03-02T09:00:00+08:00') });
const actor = { id: 'child-clerk', displayName: '测试窗口', role: 'clerk' as const };
const blob = ws.blobs.put(new TextEncoder().encode(`scan from ${process.pid}`), 'application/pdf');
process.stdout.write('ready\n');
for (;;) {
  const r = acceptStageApplication(
    ws,
    acceptInput({ materials: [{ code: 'M-APP', name: '申请表', status: 'collected', blobRefs: [blob.sha256] }] }),
    actor,
  );
  process.stdout.write(r.cases.map((c) => c.caseNumber).join(' ') + '\n');
}
