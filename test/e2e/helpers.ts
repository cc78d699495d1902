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
    const ref = await rpc<{ sha256: string }>('acceptance.uploadMaterial', {
      materialCode: line.code,
      fileName: `${line.code}.pdf`,
      mime: 'application/pdf',
      dataBase64: pdfBase64(line.code),
    });
    materials.push({ code: line.code, blobRefs: [ref.sha256] });
  }
  return rpc<SubmitResult>('acceptance.submit', { ...scope, catalogVersion: composed.catalogVersion, values, materials, mode: 'accept' });
}

/**
 * In the one form, types the standard answer into every field prefill left empty, as the clerk
 * would (new conditional fields may appear, hence the rounds); returns how many were typed.
 */
export async function fillEmptyFields(page: Page): Promise<number> {
  return (await typeEmptyFields(page)).length;
}

/** As fillEmptyFields, returning the keys of the fields the clerk typed. */
export async function typeEmptyFields(page: Page): Promise<string[]> {
  // The form is composed on the Node side: wait until it is on screen before reading which fields are empty.
  await expect(page.locator('[data-testid^="field-"]').first()).toBeVisible();
  const typed: string[] = [];
  for (let round = 0; round < 3; round++) {
    const empty = await page
      .locator('[data-testid^="field-"][data-source="empty"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('field-'.length)));
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
      typed.push(key);
    }
  }
  return typed;
}

/** In the materials checklist, attaches `file` to every line still to collect; returns each line's status. */
export async function collectMaterials(page: Page, file: string): Promise<[code: string, status: string][]> {
  const statuses = await page
    .locator('[data-testid^="status-"]')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-testid')!.slice('status-'.length), e.textContent ?? ''] as [string, string]),
    );
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

export interface Person {
  username: string;
  password: string;
  displayName: string;
}
export interface Staff {
  reviewer: Person;
  leader: Person;
}
/** A reviewer and a leader per department name (市自然资源和规划局 …). */
export type StaffByDepartment = Record<string, Staff>;

/** The catalog's departments a standard project's four stages reach. */
export const STAGE_DEPARTMENTS = [
  '市发展和改革局',
  '市自然资源和规划局',
  '市住房和城乡建设局',
  '市人民防空办公室',
  '市城市建设档案馆',
] as const;

/**
 * Department staff made as a fixture (by the specs' admin/admin-pass-1 through the contract):
 * for specs whose subject is not the users screen. day-at-the-window makes them on the screens.
 */
export async function makeDepartmentStaff(rpc: Rpc, departments: readonly string[] = STAGE_DEPARTMENTS): Promise<StaffByDepartment> {
  const out: StaffByDepartment = {};
  await rpc('session.login', { username: 'admin', password: 'admin-pass-1' });
  for (const [i, department] of departments.entries()) {
    const n = i + 1;
    const staff = {
      reviewer: { username: `dept-review${n}`, password: `review-pass-${n}0`, displayName: `审核${n}` },
      leader: { username: `dept-leader${n}`, password: `leader-pass-${n}0`, displayName: `局长${n}` },
    };
    await rpc('session.createUser', { ...staff.reviewer, role: 'reviewer', department });
    const leader = await rpc<{ id: string }>('session.createUser', { ...staff.leader, role: 'leader', department });
    await rpc('signing.provisionKey', { userId: leader.id, credential: staff.leader.password });
    out[department] = staff;
  }
  await rpc('session.logout', {});
  return out;
}

export interface AcceptedCase {
  caseNumber: string;
  itemName: string;
  department: string;
}

/** The cases an acceptance made, as its result screen lists them. */
export async function acceptedCases(page: Page): Promise<AcceptedCase[]> {
  const table = page.getByTestId('accepted-cases');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
  return rows.map(([caseNumber, itemName, department]) => ({ caseNumber: caseNumber!, itemName: itemName!, department: department! }));
}

async function loggedOut(page: Page): Promise<void> {
  if (await page.getByTestId('user-menu').isVisible()) await logout(page);
}

/**
 * After acceptance, through the screens only: each department's reviewer opens its cases by
 * scanning their numbers and decides; its leader signs them as one batch (签批: one step-up,
 * 已阅 ticked per case); the clerk issues each with its document number (default 证-2026-000n).
 * Ends with the clerk logged in.
 */
export async function decideSignIssue(
  page: Page,
  cases: readonly AcceptedCase[],
  who: { staff: StaffByDepartment; clerk: Person; documentNumbers?: Record<string, string>; shot?: (name: string) => Promise<unknown> },
): Promise<void> {
  const departments = [...new Set(cases.map((c) => c.department))];
  for (const department of departments) {
    const staff = who.staff[department];
    if (!staff) throw new Error(`no staff for ${department}`);
    const mine = cases.filter((c) => c.department === department);
    await loggedOut(page);
    await login(page, staff.reviewer);
    for (const c of mine) {
      await scan(page, c.caseNumber);
      await page.getByTestId('case-actions').getByRole('button', { name: '部门决定' }).click();
      await page
        .getByTestId('dialog-decide')
        .getByRole('button', { name: /作出决定/ })
        .click();
      await expect(page.getByTestId('case-status')).toHaveText('已决定');
    }
    await logout(page);
    await batchSign(
      page,
      staff.leader,
      mine.map((c) => c.caseNumber),
      who.shot,
    );
    await logout(page);
  }
  await login(page, who.clerk);
  for (const [i, c] of cases.entries()) {
    await scan(page, c.caseNumber);
    await page.getByTestId('case-actions').getByRole('button', { name: '出件' }).click();
    const dialog = page.getByTestId('dialog-issue');
    await dialog.getByLabel('文书编号（可选）').fill(who.documentNumbers?.[c.itemName] ?? `证-2026-${String(i + 1).padStart(4, '0')}`);
    await dialog.getByRole('button', { name: /确认出件/ }).click();
    await expect(page.getByTestId('case-status')).toHaveText('已出件');
    // 出件 opens the result paper's preview at once; here it is only closed.
    const close = page.getByTestId('document-close');
    if (
      await close.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      )
    )
      await close.click();
  }
}

/** The leader's 签批 screen: tick the cases, one step-up, 已阅 on each, sign. Starts and ends on the leader's session. */
export async function batchSign(
  page: Page,
  leader: Person,
  caseNumbers: readonly string[],
  shot?: (name: string) => Promise<unknown>,
): Promise<void> {
  await login(page, leader);
  await page.getByRole('menuitem', { name: '签批' }).click();
  for (const n of caseNumbers)
    await page
      .getByRole('row', { name: new RegExp(n) })
      .getByRole('checkbox')
      .check();
  await page.getByTestId('batch-sign').click();
  const modal = page.getByTestId('signing-modal');
  await modal.getByLabel('领导用户名').fill(leader.username);
  await modal.getByLabel('领导密码').fill(leader.password);
  await modal.getByLabel('领导密码').press('Enter');
  await expect(modal).toContainText(leader.displayName);
  // Signing waits until each case was seen.
  await expect(modal.getByTestId('sign-now')).toBeDisabled();
  for (let i = 0; i < caseNumbers.length; i++) await modal.getByTestId(`seen-${i}`).check();
  if (shot) await shot(`batch-${caseNumbers.length}`);
  await modal.getByTestId('sign-now').click();
  const done = modal.getByTestId('signing-done');
  for (const n of caseNumbers) await expect(done).toContainText(n);
  await modal.getByRole('button', { name: '完成' }).click();
}

/**
 * Lays a training card on the simulated reader from the reader's badge, waits until the reader
 * has read it into the form (`readInto`, the 经办人 name by default: the reader polls, so a card
 * lifted at once may never be read), then lifts it.
 */
export async function placeTrainingCard(
  page: Page,
  cardId: string,
  { readInto = 'agent.name' }: { readInto?: string } = {},
): Promise<void> {
  await page.getByTestId('device-idcard').click();
  await page.getByTestId(`training-card-${cardId}`).getByRole('button', { name: '放上' }).click();
  await expect(page.getByTestId(`training-card-${cardId}`)).toContainText('已放上');
  await expect(page.getByTestId(`field-${readInto}`)).toHaveAttribute('data-source', 'idcard');
  await page.getByTestId('training-lift').click();
  await expect(page.getByTestId(`training-card-${cardId}`)).not.toContainText('已放上');
  await page.keyboard.press('Escape');
}

/** In the 补齐材料 dialog, uploads `file` for every material still owed and registers them; returns the codes supplied. */
export async function supplyOutstanding(page: Page, file: string, shot?: () => Promise<unknown>): Promise<string[]> {
  const dialog = page.getByTestId('dialog-supplement');
  await expect(dialog.locator('[data-testid^="supplement-line-"]').first()).toBeVisible();
  const codes = await dialog
    .locator('[data-testid^="supplement-line-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('supplement-line-'.length)));
  const name = file.split('/').pop()!;
  for (const code of codes) {
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByTestId(`supplement-upload-${code}`).click();
    await (await chooser).setFiles(file);
    await expect(dialog.getByTestId(`supplement-line-${code}`)).toContainText(name);
  }
  await shot?.();
  await dialog.getByTestId('supplement-submit').click();
  await expect(dialog).toBeHidden();
  return codes;
}
