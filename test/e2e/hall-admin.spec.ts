import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHall, type HallServer } from '../../hall/server';
import { openHallDatabase } from '../../hall/store/open';
import type { Sql } from '../../hall/store/sql';
import { acceptCase, enrolWindow, freshPostgres } from '../../hall/test/helpers';
import { login, logout, rpcFor } from './helpers';
import { startHost, type RunningHost } from './host';

// The hall admin page in Chromium, against the real hall server (PGlite, or PostgreSQL with
// ONEWINDOW_TEST_PG): the admin issues a back office's code choosing its department from the
// catalog's list, the back office enrols on screen and its header names it as the hall does; the
// admin hands a case over by the number printed on the notice after seeing the case. The counter
// window that accepted the case is simulated over the protocol (the hall's own test kit): a
// fixture, not the subject.
const DEPARTMENT = '市自然资源和规划局';
const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
const REVIEWER = { username: 'review1', displayName: '赵审核', password: 'review-pass-1', role: 'reviewer', department: DEPARTMENT };
const CASE_NUMBER = 'RZ-2026-000731';

const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `hall-admin-${name}.png`), fullPage: true });

let sql: Sql;
let hall: HallServer;
let dropDatabase: () => Promise<void> = () => Promise.resolve();
let host: RunningHost;
const rpc = rpcFor(() => host);

test.beforeAll(async () => {
  const database = process.env.ONEWINDOW_TEST_PG
    ? await freshPostgres(process.env.ONEWINDOW_TEST_PG)
    : { url: 'memory', drop: () => Promise.resolve() };
  dropDatabase = database.drop;
  sql = await openHallDatabase(database.url);
  hall = await startHall({ sql, hall: { hallName: '日照市政务服务中心', hallCode: 'RZ' }, port: 0 });
  host = await startHost();
  await rpc('session.setupAdmin', ADMIN);
  await rpc('session.login', { username: ADMIN.username, password: ADMIN.password });
  await rpc('session.createUser', REVIEWER);
  await rpc('session.logout', {});
});
test.afterAll(async () => {
  await host?.stop();
  await hall?.close();
  await sql?.close();
  await dropDatabase();
});

test('the hall admin chooses a back office’s department from the catalog and hands a case over by its case number', async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await browser.newPage();
  const office = await browser.newPage();
  let code = '';

  await test.step('the admin logs in and issues a back office code, the department chosen from the catalog', async () => {
    await admin.goto(`${hall.url}/admin`);
    await admin.getByLabel('管理员密码').fill(hall.admin.firstPassword ?? '');
    await admin.getByRole('button', { name: '登录' }).click();
    const form = admin.locator('form[action="/admin/codes"]');
    await form.getByLabel('窗口名称').fill('自然资源和规划局后台');
    await form.getByLabel('角色').selectOption({ label: '部门后台审批' });
    const departments = form.getByLabel('部门（部门后台必选）');
    // The catalog's departments, nothing typed by hand.
    await expect(departments.locator('option')).toContainText(['（无）', '市发展和改革局', DEPARTMENT, '市住房和城乡建设局']);
    await departments.selectOption(DEPARTMENT);
    await shot(admin, '01-codes');
    await form.getByRole('button', { name: '签发一次性登记码' }).click();
    code = (await admin.locator('#enrolment-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  await test.step('the back office enrols in 工位设置; its header names it as the hall does', async () => {
    await office.goto(host.launchUrl);
    await login(office, ADMIN);
    await office.getByRole('menuitem', { name: '工位设置' }).click();
    const card = office.getByTestId('hall-enrolment');
    await card.getByTestId('hall-url').fill(hall.url);
    await card.getByTestId('hall-code').fill(code);
    await card.getByTestId('hall-enrol').click();
    await expect(card.getByTestId('hall-role')).toHaveText('部门后台审批');
    await logout(office);
    await login(office, REVIEWER);
    await expect(office.getByTestId('hall-window')).toHaveText('日照市政务服务中心 · 自然资源和规划局后台 · 部门后台审批');
    await expect(office.getByTestId('hall-window')).not.toContainText('号窗口');
    await shot(office, '02-back-office-header');
  });

  await test.step('a counter window (simulated over the protocol) accepts a case for another department', async () => {
    const counter = await enrolWindow(
      { hall, database: '', close: () => Promise.resolve() },
      { windowName: '3号窗口', role: 'counter', department: null },
    );
    await counter.client.pushEvents(
      acceptCase(counter.journal, { projectCode: 'P-HANDOVER', department: '市住房和城乡建设局', caseNumber: CASE_NUMBER }).events,
    );
  });

  await test.step('the admin finds the case by the number on the notice, sees it, and hands it to the back office', async () => {
    await admin.goto(`${hall.url}/admin`);
    const find = admin.locator('form[action="/admin/handover"]');
    await find.getByLabel('办件编号（受理通知书上的编号）').fill('rz-2026-000731');
    await find.getByRole('button', { name: '查找办件' }).click();
    const shown = admin.locator('#handover-case');
    await expect(shown).toContainText(CASE_NUMBER);
    await expect(shown).toContainText('建设工程规划许可证核发');
    await expect(shown).toContainText('市住房和城乡建设局');
    await expect(admin.locator('#handover-holder')).toHaveText('3号窗口');
    const confirm = admin.locator('form[action="/admin/handover"][method="post"]');
    await confirm.getByLabel('移交给').selectOption({ label: '自然资源和规划局后台' });
    await confirm.getByLabel('原因').fill('申请人要求由规划局后台直接办理');
    await shot(admin, '03-handover-confirm');
    await confirm.getByRole('button', { name: '确认移交' }).click();
    await expect(admin.locator('#handover-done')).toContainText(`办件 ${CASE_NUMBER} 已移交给 自然资源和规划局后台`);
  });

  await test.step('the case reaches the back office’s worklist as a hand-over', async () => {
    await office.getByRole('menuitem', { name: '大厅待办' }).click();
    const row = office.getByTestId(`worklist-${CASE_NUMBER}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText('移交来件');
    await expect(row).toContainText('来自3号窗口');
    await expect(row).toContainText('申请人要求由规划局后台直接办理');
    await shot(office, '04-handed-over');
  });
});
