import { expect, type Page } from '@playwright/test';
import type { ChecklistLineView, ComposeResult, SubmitResult } from '../../shared/api/acceptance';
import { ANSWERS, PROJECT_CODE, SCOPE, fillAsClerk, pdfBase64 } from '../unit/acceptance/standard-project';
import type { RunningHost } from './host';

/** Calls the contract as the workstation's current session would (the session is the window's, not the tab's). */
export function rpcFor(host: () => RunningHost) {
  return async function rpc<T = unknown>(method: string, input: unknown): Promise<T> {
    const res = await fetch(`${host().baseUrl}/rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host().token}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result as T;
  };
}

export type Rpc = ReturnType<typeof rpcFor>;

export async function login(page: Page, who: { username: string; password: string; displayName: string }): Promise<void> {
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('user-menu')).toContainText(who.displayName);
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByText('退出登录').click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}

/**
 * What a handheld scanner does: the number as a burst of keys 5 ms apart, then Enter. Playwright
 * dispatches keys one by one through the page, so a screen doing heavy work per keystroke would
 * stretch the burst: unless `fromField`, the scan starts with the focus on the page itself.
 */
export async function scan(page: Page, caseNumber: string, { fromField = false } = {}): Promise<void> {
  if (!fromField) await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.keyboard.type(caseNumber, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
}

/** A stage of the standard project through the contract's one way to accept, as the acceptance screen drives it. */
export async function acceptStage(rpc: Rpc, stage: number): Promise<SubmitResult> {
  const scope = { stage, projectCode: PROJECT_CODE, ...SCOPE };
  const composed = await rpc<ComposeResult>('acceptance.compose', { ...scope, idCardRole: 'agent' });
  const { values } = fillAsClerk(composed);
  const lines = await rpc<ChecklistLineView[]>('acceptance.checklist', { ...scope, values, rejected: [] });
  const materials: { code: string; blobRefs: string[] }[] = [];
  for (const line of lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && l.required && !l.fromForm)) {
    const ref = await rpc<{ sha256: string }>('acceptance.uploadMaterial', { materialCode: line.code, fileName: `${line.code}.pdf`, mime: 'application/pdf', dataBase64: pdfBase64(line.code) });
    materials.push({ code: line.code, blobRefs: [ref.sha256] });
  }
  return rpc<SubmitResult>('acceptance.submit', { ...scope, catalogVersion: composed.catalogVersion, values, materials, mode: 'accept' });
}

/**
 * In the one form, types the standard answer into every field prefill left empty, as the clerk
 * would (new conditional fields may appear, hence the rounds); returns how many were typed.
 */
export async function fillEmptyFields(page: Page): Promise<number> {
  let typed = 0;
  for (let round = 0; round < 3; round++) {
    const empty = await page.locator('[data-testid^="field-"][data-source="empty"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('field-'.length)));
    const fillable = empty.filter((k) => ANSWERS[k] !== undefined);
    if (fillable.length === 0) break;
    for (const key of fillable) {
      const field = page.getByTestId(`field-${key}`);
      if ((await field.locator('.ant-select').count()) > 0) {
        await field.locator('.ant-select').click();
        await page.locator('.ant-select-dropdown:visible').getByTitle(String(ANSWERS[key]), { exact: true }).click();
      } else {
        await field.locator('input').fill(String(ANSWERS[key]));
      }
      typed++;
    }
  }
  return typed;
}

/** In the materials checklist, attaches `file` to every line still to collect; returns each line's status. */
export async function collectMaterials(page: Page, file: string): Promise<[code: string, status: string][]> {
  const statuses = await page
    .locator('[data-testid^="status-"]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid')!.slice('status-'.length), e.textContent ?? ''] as [string, string]));
  const name = file.split('/').pop()!;
  for (const [code, status] of statuses) {
    if (status !== '需收取' && status !== '可容缺') continue;
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId(`upload-${code}`).click();
    await (await chooser).setFiles(file);
    await expect(page.getByTestId(`material-${code}`)).toContainText(name);
  }
  return statuses;
}

type Credentials = { username: string; password: string; department?: string | null };

const ADMIN_CREDENTIALS = { username: 'admin', password: 'admin-pass-1' };
const departmentStaffMade = new WeakMap<Rpc, Map<string, { reviewer: Credentials; leader: Credentials }>>();

/**
 * Reviewers and leaders act only on their own department's cases: a stage's cases span several
 * departments, so each gets a reviewer and a leader (with a signing key), made once by the
 * administrator (the specs' admin/admin-pass-1) the first time a department is met.
 */
async function departmentStaff(rpc: Rpc, department: string): Promise<{ reviewer: Credentials; leader: Credentials }> {
  const made = departmentStaffMade.get(rpc) ?? new Map<string, { reviewer: Credentials; leader: Credentials }>();
  departmentStaffMade.set(rpc, made);
  const known = made.get(department);
  if (known) return known;
  const n = made.size + 1;
  const staff = { reviewer: { username: `dept-review${n}`, password: `review-pass-${n}0` }, leader: { username: `dept-leader${n}`, password: `leader-pass-${n}0` } };
  await rpc('session.login', ADMIN_CREDENTIALS);
  await rpc('session.createUser', { ...staff.reviewer, displayName: `审核${n}`, role: 'reviewer', department });
  const leader = await rpc<{ id: string }>('session.createUser', { ...staff.leader, displayName: `局长${n}`, role: 'leader', department });
  await rpc('signing.provisionKey', { userId: leader.id, credential: staff.leader.password });
  made.set(department, staff);
  return staff;
}

/**
 * The reviewer decides, the leader signs at the clerk's window (SM2 step-up), the clerk issues — through the contract.
 * The given reviewer and leader act on their department's cases; other departments' cases go to that department's staff.
 */
export async function decideSignIssue(rpc: Rpc, caseIds: string[], who: { reviewer: Credentials; clerk: Credentials; leader: Credentials }): Promise<void> {
  const creds = (c: Credentials) => ({ username: c.username, password: c.password });
  await rpc('session.login', creds(who.clerk));
  const byDepartment = new Map<string, string[]>();
  for (const caseId of caseIds) {
    const { department } = await rpc<{ department: string }>('cases.get', { id: caseId });
    byDepartment.set(department, [...(byDepartment.get(department) ?? []), caseId]);
  }
  for (const [department, ids] of byDepartment) {
    const staff = who.reviewer.department === department && who.leader.department === department ? { reviewer: who.reviewer, leader: who.leader } : await departmentStaff(rpc, department);
    await rpc('session.login', creds(staff.reviewer));
    for (const caseId of ids) await rpc('cases.decide', { caseId, decision: 'approve', opinion: '材料齐全，符合条件，同意' });
    await rpc('session.login', creds(who.clerk));
    const { ticket } = await rpc<{ ticket: string }>('signing.authenticate', creds(staff.leader));
    await rpc('cases.signAtWindow', { ticket, caseIds: ids, confirmedEach: true });
  }
  // Each result is issued with its document number, which later stages' forms then carry.
  for (const [i, caseId] of caseIds.entries()) await rpc('cases.issue', { caseId, documentNumber: `证-2026-${String(i + 1).padStart(4, '0')}` });
}

/** In the 补齐材料 dialog, uploads `file` for every material still owed and registers them; returns the codes supplied. */
export async function supplyOutstanding(page: Page, file: string): Promise<string[]> {
  const dialog = page.getByTestId('dialog-supplement');
  await expect(dialog.locator('[data-testid^="supplement-line-"]').first()).toBeVisible();
  const codes = await dialog.locator('[data-testid^="supplement-line-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('supplement-line-'.length)));
  const name = file.split('/').pop()!;
  for (const code of codes) {
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByTestId(`supplement-upload-${code}`).click();
    await (await chooser).setFiles(file);
    await expect(dialog.getByTestId(`supplement-line-${code}`)).toContainText(name);
  }
  await dialog.getByTestId('supplement-submit').click();
  await expect(dialog).toBeHidden();
  return codes;
}
