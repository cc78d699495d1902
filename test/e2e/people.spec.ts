import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_CODE } from '../unit/acceptance/standard-project';
import { acceptedCases, collectMaterials, fillEmptyFields, login, logout, rpcFor, scan, type AcceptedCase } from './helpers';
import { startHost, type RunningHost } from './host';

// Every applicant, roles that hold, true on screen (issue 12), through the screens only: the
// administrator makes department staff from the catalog's departments, edits, resets and
// disables users; a Hong Kong agent with a 港澳通行证 and a +852 phone is accepted; the 䶮 in
// the agent's name survives every screen; a reviewer of another department is refused.
// The API only sets up the first administrator and the clerk.
let host: RunningHost;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `people-${name}.png`), fullPage: true });
const pdf = join(shots, '..', 'people-material.pdf');
writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk', department: null };
const REVIEWER = { username: 'zr.review', displayName: '赵审核', password: 'review-pass-1' };
const LEADER = { username: 'zr.leader', displayName: '钱局长', password: 'leader-pass-1' };
const TEMP = { username: 'temp.clerk', displayName: '临时窗口', password: 'temp-pass-1' };
const AGENT = { name: '刘䶮', pass: 'H12345678', phone: '+852 9123 4567' };
const ZRZY = '市自然资源和规划局';

test.beforeAll(async () => {
  host = await startHost();
  await rpc('session.setupAdmin', ADMIN);
  await rpc('session.login', { username: ADMIN.username, password: ADMIN.password });
  await rpc('session.createUser', CLERK);
  await rpc('session.logout', {});
});
test.afterAll(async () => {
  await host.stop();
});

async function createUser(page: Page, u: { username: string; displayName: string; password: string }, role: string, department?: string) {
  await page.getByLabel('用户名', { exact: true }).fill(u.username);
  await page.getByLabel('姓名', { exact: true }).fill(u.displayName);
  await page.getByLabel('初始密码').fill(u.password);
  await page.getByLabel('角色', { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(role, { exact: true }).click();
  if (department) {
    // The department is picked from the catalog's list, typed to filter it.
    await page.getByLabel('所属部门', { exact: true }).click();
    await page.keyboard.type('自然资源');
    await page.locator('.ant-select-dropdown:visible').getByTitle(department, { exact: true }).click();
  }
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('row', { name: new RegExp(u.username) })).toBeVisible();
}

test('people at the window: staff by department, a Hong Kong agent, 䶮 everywhere, another department refused', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(host.launchUrl);

  await test.step('the administrator makes a reviewer and a leader of 自然资源和规划局 from the list; a leader without a department is refused', async () => {
    await login(page, ADMIN);
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    // Without a department the form itself stops the leader, with the reason.
    await page.getByLabel('用户名', { exact: true }).fill('no.dept');
    await page.getByLabel('姓名', { exact: true }).fill('无部门');
    await page.getByLabel('初始密码').fill('leader-pass-9');
    await page.getByLabel('角色', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('部门领导', { exact: true }).click();
    await page.getByRole('button', { name: '创建' }).click();
    await expect(page.getByText('审核人员和部门领导须选择所属部门')).toBeVisible();
    await page.getByLabel('用户名', { exact: true }).fill('');
    await createUser(page, REVIEWER, '审核人员', ZRZY);
    await createUser(page, LEADER, '部门领导', ZRZY);
    await createUser(page, TEMP, '窗口人员');
    await expect(page.getByRole('row', { name: /zr\.review/ })).toContainText(ZRZY);
    await expect(page.getByRole('row', { name: /zr\.leader/ })).toContainText(ZRZY);
    await shot(page, '01-users');
  });

  await test.step('edits a user, resets a password, disables one', async () => {
    await page.getByRole('button', { name: `编辑 ${REVIEWER.username}` }).click();
    await page.getByLabel('编辑姓名').fill('赵䶮审核');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('row', { name: /zr\.review/ })).toContainText('赵䶮审核');
    REVIEWER.displayName = '赵䶮审核';

    await page.getByRole('button', { name: `重置密码 ${TEMP.username}` }).click();
    await page.getByLabel('新密码').fill('temp-pass-2');
    await page.getByRole('button', { name: '重置', exact: true }).click();
    await expect(page.getByText(`已为 ${TEMP.displayName} 设置新密码`)).toBeVisible();

    await page.getByLabel(`启用 ${TEMP.username}`).click();
    await expect(page.getByText(`已停用 ${TEMP.displayName}`)).toBeVisible();
    await shot(page, '02-users-edited');
    await logout(page);
  });

  await test.step('the disabled user cannot log in, and is told why', async () => {
    await page.getByLabel('用户名').fill(TEMP.username);
    await page.getByLabel('密码').fill('temp-pass-2');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByText('该账号已停用，请联系系统管理员')).toBeVisible();
  });

  let accepted: AcceptedCase[] = [];
  await test.step('the clerk records a Hong Kong agent with a 港澳通行证 and a +852 phone', async () => {
    await login(page, CLERK);
    await page.getByRole('menuitem', { name: /受理/ }).click();
    await page.keyboard.press('F4');
    await page.getByPlaceholder(/^项目代码/).fill(PROJECT_CODE);
    await page.keyboard.press('Enter');
    await page.getByTestId('new-project').click();
    await page.getByTestId('to-form').click();
    await page.getByTestId('field-agent.name').locator('input').fill(AGENT.name);
    // A mainland ID check would refuse the pass: the type decides the rule.
    await page.getByTestId('field-agent.idNumber').locator('input').fill(AGENT.pass);
    await expect(page.getByTestId('field-agent.idNumber')).toContainText('身份证号应为18位');
    await page.getByTestId('field-agent.certType').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('港澳居民来往内地通行证', { exact: true }).click();
    await expect(page.getByTestId('field-agent.idNumber')).not.toContainText('身份证号应为18位');
    await page.getByTestId('field-agent.phone').locator('input').fill(AGENT.phone);
    await fillEmptyFields(page);
    await expect(page.getByTestId('field-agent.phone')).not.toContainText('电话号码应为');
    await shot(page, '03-form-hk-agent');
    await page.getByTestId('to-materials').click();
    await expect(page.getByText('经办人港澳居民来往内地通行证')).toBeVisible();
    await collectMaterials(page, pdf);
    await shot(page, '04-materials');
    await page.getByTestId('to-review').click();
    await expect(page.getByText(AGENT.name).first()).toBeVisible();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText('受理成功')).toBeVisible();
    // Each case with the department the result screen names for it.
    accepted = await acceptedCases(page);
    expect(accepted.length).toBe(2);
  });

  await test.step('the list shows the unit as applicant and the agent masked with the certificate type; the case page shows both as they are', async () => {
    await page.getByRole('menuitem', { name: '办件查询' }).click();
    await page.getByTestId('case-search').locator('input').fill(AGENT.name);
    await page.keyboard.press('Enter');
    const row = page.getByRole('row', { name: new RegExp(accepted[0]!.caseNumber) });
    await expect(row).toContainText('刘*');
    await expect(row).toContainText('港澳居民来往内地通行证 H1*****78');
    await expect(row).not.toContainText(AGENT.pass);
    await shot(page, '05-list');
    await row.click();
    await expect(page.getByTestId('agent-name')).toHaveText(AGENT.name);
    await expect(page.getByTestId('applicant-name')).not.toHaveText(AGENT.name);
    await expect(page.getByTestId('applicant-id')).toHaveText('港澳居民来往内地通行证 H1*****78');
    await expect(page.getByText('+852 91234567')).toBeVisible();
    await shot(page, '06-case-page');
    await logout(page);
  });

  await test.step('the 自然资源和规划局 reviewer is refused on the 发改 case with the reason, and decides the 自然资源 case', async () => {
    await login(page, REVIEWER);
    const cases = accepted.map((c) => ({ n: c.caseNumber, dept: c.department }));
    const foreign = cases.find((c) => c.dept !== ZRZY)!;
    const own = cases.find((c) => c.dept === ZRZY)!;
    await scan(page, foreign.n);
    await expect(page.getByTestId('agent-name')).toHaveText(AGENT.name);
    await page.getByRole('button', { name: '部门决定' }).click();
    await page
      .getByTestId('dialog-decide')
      .getByRole('button', { name: /作出决定/ })
      .click();
    await expect(page.getByText(`该办件由${foreign.dept}承办`).first()).toBeVisible();
    await shot(page, '07-refused');
    await page.keyboard.press('Escape');
    await scan(page, own.n);
    await page.getByRole('button', { name: '部门决定' }).click();
    await page
      .getByTestId('dialog-decide')
      .getByRole('button', { name: /作出决定/ })
      .click();
    await expect(page.getByTestId('case-status')).toHaveText('已决定');
  });
});
