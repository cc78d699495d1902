import { expect, type Browser, type Page } from '@playwright/test';
import { ANSWERS, PROJECT_CODE } from '../unit/acceptance/standard-project';
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

/** Where a spec looks in on a stage accepted on the screen, each at its moment; all optional. */
export interface StageHooks {
  /** The stage is chosen (stage 1: the new project), the form not yet opened. */
  onStage?: () => Promise<void>;
  /** The form is open and the card (if any) read: the spec's own checks and typing, before the rest is typed. */
  onForm?: () => Promise<void>;
  /** Every field the standard answers fill is filled; `typed` are the keys the clerk typed. */
  onFormFilled?: (typed: string[]) => Promise<void>;
  /** The checklist is on screen, nothing attached yet. */
  onMaterials?: () => Promise<void>;
  /** Every line still to collect has `file` attached. */
  onCollected?: () => Promise<void>;
}

export interface AcceptedStage {
  /** The keys of the form fields the clerk typed. */
  typed: string[];
  /** Each checklist line's status before anything was attached (需收取, 复用, 电子证照 …). */
  statuses: [code: string, status: string][];
  cases: AcceptedCase[];
}

/**
 * One stage of the standard project accepted on the screens by the logged-in clerk, as at the
 * window: the project found by its code (F4; a later stage opened by keyboard, ↓ then Enter), the
 * training card `card` laid on the reader from its badge, the one form (every field prefill left
 * empty typed), each material still owed attached from `file`, Ctrl+Enter. Returns the cases the
 * result screen lists. The reader must be the training simulator (工位设置).
 */
export async function acceptStage(
  page: Page,
  stage: number,
  { file, card, hooks = {} }: { file: string; card?: string; hooks?: StageHooks },
): Promise<AcceptedStage> {
  await page.getByRole('menuitem', { name: /受理/ }).click();
  await page.keyboard.press('F4');
  const search = page.getByPlaceholder(/^项目代码/);
  await search.fill(PROJECT_CODE);
  await search.press('Enter');
  if (stage === 1) {
    await page.getByTestId('new-project').click();
  } else {
    const row = page.getByRole('row', { name: new RegExp(PROJECT_CODE) });
    await expect(row).toBeVisible();
    await search.press('ArrowDown');
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await search.press('Enter');
    await page.getByTestId('stage-choice').getByText(`第${stage}阶段`).click();
  }
  await hooks.onStage?.();
  await page.getByTestId('to-form').click();
  // The reader reports a card once, when it is laid down: lay it when the form is there to take it.
  await expect(page.getByTestId('field-agent.name')).toBeVisible();
  if (card) await placeTrainingCard(page, card);
  await hooks.onForm?.();
  const typed = await typeEmptyFields(page);
  await hooks.onFormFilled?.(typed);
  await page.getByTestId('to-materials').click();
  // The checklist is composed on the Node side: wait for it before reading it.
  await expect(page.locator('[data-testid^="status-"]').first()).toBeVisible();
  await hooks.onMaterials?.();
  const statuses = await collectMaterials(page, file);
  await hooks.onCollected?.();
  await page.getByTestId('to-review').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('受理成功')).toBeVisible();
  return { typed, statuses, cases: await acceptedCases(page) };
}

/** Picks the option `option` of the antd select labelled `label`. */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  // The list closes with an animation: the next select's list must not be confused with it.
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

/**
 * On 签名密钥, with an administrator logged in: each leader, at the administrator's side, types
 * their own password and a signing key is made for them.
 */
export async function makeSigningKeys(page: Page, leaders: readonly Person[]): Promise<void> {
  await page.getByRole('menuitem', { name: '签名密钥' }).click();
  for (const leader of leaders) {
    await pick(page, '领导', `${leader.displayName}（${leader.username}）`);
    await page.getByLabel('领导密码').fill(leader.password);
    await page.getByRole('button', { name: '生成签名密钥' }).click();
    await expect(page.getByTestId('key-made')).toContainText(`已为 ${leader.displayName} 生成签名密钥`);
  }
}

/** The specs' administrator (made with session.setupAdmin). */
export const SPEC_ADMIN: Person = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };

export interface UserFixture extends Person {
  role: 'clerk' | 'reviewer' | 'leader' | 'admin';
  department?: string | null;
}

/**
 * A FIXTURE for specs whose subject is not set-up (day-at-the-window and people make these on
 * screen): the administrator, optionally changed settings (training devices), the users; ends
 * logged out.
 */
export async function setUpWorkstation(
  rpc: Rpc,
  users: readonly UserFixture[],
  settings?: (view: Record<string, unknown> & { devices: Record<string, Record<string, unknown>> }) => Record<string, unknown>,
): Promise<void> {
  await rpc('session.setupAdmin', SPEC_ADMIN);
  await rpc('session.login', { username: SPEC_ADMIN.username, password: SPEC_ADMIN.password });
  if (settings) await rpc('settings.update', settings(await rpc('settings.get', {})));
  for (const u of users) await rpc('session.createUser', u);
  await rpc('session.logout', {});
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
 * Department staff: the accounts made as a fixture (by the specs' admin through the contract), for
 * specs whose subject is not the users screen (day-at-the-window makes them on the screens); the
 * leaders' signing keys made on the 签名密钥 screen in a page of `browser`, at `launchUrl`.
 */
export async function makeDepartmentStaff(
  rpc: Rpc,
  browser: Browser,
  launchUrl: string,
  departments: readonly string[] = STAGE_DEPARTMENTS,
): Promise<StaffByDepartment> {
  const out: StaffByDepartment = {};
  await rpc('session.login', { username: SPEC_ADMIN.username, password: SPEC_ADMIN.password });
  for (const [i, department] of departments.entries()) {
    const n = i + 1;
    const staff = {
      reviewer: { username: `dept-review${n}`, password: `review-pass-${n}0`, displayName: `审核${n}` },
      leader: { username: `dept-leader${n}`, password: `leader-pass-${n}0`, displayName: `局长${n}` },
    };
    await rpc('session.createUser', { ...staff.reviewer, role: 'reviewer', department });
    await rpc('session.createUser', { ...staff.leader, role: 'leader', department });
    out[department] = staff;
  }
  await rpc('session.logout', {});
  const page = await browser.newPage();
  try {
    await page.goto(launchUrl);
    await login(page, SPEC_ADMIN);
    await makeSigningKeys(
      page,
      Object.values(out).map((s) => s.leader),
    );
    await logout(page);
  } finally {
    await page.close();
  }
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
