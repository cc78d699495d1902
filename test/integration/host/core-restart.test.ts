/**
 * The core runs in its own process behind the browser host's HTTP front. When it dies — here
 * SIGKILL, the worst case: no cleanup, no last write — the front tells the screens, starts a new
 * core on the same data directory, and the acceptance the clerk committed before is all there.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistLineView, ComposeResult, SubmitResult } from '../../../shared/api/acceptance';
import type { CaseDetail } from '../../../shared/api/cases';
import { CORE_RESTARTED_MESSAGE } from '../../../electron/core/core-supervisor';
import { verifyJournal } from '../../../electron/store/journal';
import { startHostChild, type HostChild } from '../../helpers/host-child';
import { ADMIN } from '../../helpers/workstation';
import { PROJECT_CODE, SCOPE, fillAsClerk, pdfBase64 } from '../../unit/acceptance/standard-project';

const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk', department: null };

let dir: string;
let h: HostChild;

async function ok<T>(method: string, input: unknown): Promise<T> {
  const r = await h.rpc(method, input);
  if (!r.body.ok) throw new Error(`${method}: ${JSON.stringify(r.body.error)}`);
  return r.body.result as T;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ow-core-restart-'));
  h = await startHostChild(join(dir, 'data'));
});
afterAll(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the core process dies and comes back', () => {
  it('after SIGKILL the screens are told, a new core starts, and the committed acceptance is served', async () => {
    await ok('session.setupAdmin', ADMIN);
    await ok('session.login', { username: ADMIN.username, password: ADMIN.password });
    await ok('session.createUser', CLERK);
    await ok('session.logout', {});
    await ok('session.login', { username: CLERK.username, password: CLERK.password });

    // The clerk accepts stage 1 over HTTP, as the screen does.
    const scope = { stage: 1, projectCode: PROJECT_CODE, ...SCOPE };
    const composed = await ok<ComposeResult>('acceptance.compose', { ...scope, idCardRole: 'agent' });
    const { values } = fillAsClerk(composed);
    const lines = await ok<ChecklistLineView[]>('acceptance.checklist', { ...scope, values, rejected: [] });
    const materials: { code: string; blobRefs: string[] }[] = [];
    for (const line of lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && l.required && !l.fromForm)) {
      const ref = await ok<{ sha256: string }>('acceptance.uploadMaterial', {
        materialCode: line.code,
        fileName: `${line.code}.pdf`,
        mime: 'application/pdf',
        dataBase64: pdfBase64(line.code),
      });
      materials.push({ code: line.code, blobRefs: [ref.sha256] });
    }
    const submitted = await ok<SubmitResult>('acceptance.submit', {
      ...scope,
      catalogVersion: composed.catalogVersion,
      values,
      materials,
      mode: 'accept',
    });
    expect(submitted.cases.length).toBeGreaterThan(0);

    const firstCore = h.corePid();
    expect(Number.isInteger(firstCore)).toBe(true);
    const fault = h.nextEvent('system.fault', (p) => (p as { message: string }).message === CORE_RESTARTED_MESSAGE, 60_000);
    const session = h.nextEvent('session.changed', () => true, 60_000);
    process.kill(firstCore, 'SIGKILL');

    expect(await fault).toEqual({ message: CORE_RESTARTED_MESSAGE });
    // The clerk's session lived in the dead core: the screens learn they must log in again.
    expect(await session).toMatchObject({ user: null });
    expect(alive(firstCore)).toBe(false);
    expect(h.child.exitCode).toBeNull();

    const refused = await h.rpc('cases.get', { id: submitted.cases[0]!.id });
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error?.code).toBe('UNAUTHENTICATED');
    await ok('session.login', { username: CLERK.username, password: CLERK.password });
    for (const c of submitted.cases) {
      const detail = await ok<CaseDetail>('cases.get', { id: c.id });
      expect(detail.caseNumber).toBe(c.caseNumber);
      expect(detail.status).toBe(c.status);
    }
    // The kill left the journal's hash chain whole: the audit walks it without a break.
    await h.stop();
    const db = new Database(join(dir, 'data', 'onewindow.db'), { readonly: true });
    try {
      expect(verifyJournal(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  }, 180_000);
});
