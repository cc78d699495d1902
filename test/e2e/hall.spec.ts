import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WindowAssignment } from '../../shared/protocol/enrolment';
import { startHall, type HallServer } from '../../hall/server';
import { openHallDatabase } from '../../hall/store/open';
import type { Sql } from '../../hall/store/sql';
import { freshPostgres } from '../../hall/test/helpers';
import { PROJECT_CODE } from '../unit/acceptance/standard-project';
import { acceptStage, login, logout, makeSigningKeys, rpcFor, type AcceptedCase, type Rpc } from './helpers';
import { DEFAULT_E2E_CLOCK, startHost, type RunningHost } from './host';

// 一窗受理、分类审批、统一出件 on screens: one hall server (PGlite, or PostgreSQL with ONEWINDOW_TEST_PG; the real
// hall/ code over loopback HTTP) and three browser hosts — counter window A, the
// 自然资源和规划局 back office O, the issuing window B. Each administrator enrols the window in
// 工位设置 with a one-time code; the back office opens on its worklist, decides and signs there;
// B issues what is ready and then accepts stage 2 of the same project, reusing what A received and
// the licence B issued. Every user action is on the screens — the hall admin issues each window's
// code on the hall admin page with the password the server printed at first start; the contract only
// makes the workstations' accounts and sets their training readers. The story
// runs once per engine: PGlite always, PostgreSQL when ONEWINDOW_TEST_PG names one (.ci/run sets it).
const DEPARTMENT = '市自然资源和规划局';
const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk', department: null };
const REVIEWER = { username: 'review1', displayName: '赵审核', password: 'review-pass-1', role: 'reviewer', department: DEPARTMENT };
const LEADER = { username: 'leader1', displayName: '钱局长', password: 'leader-pass-1', role: 'leader', department: DEPARTMENT };

const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
/** The number B issues stage 1's 建设用地规划许可证 with; stage 2's form must carry it, untyped. */
const LAND_PERMIT_NO = '地字第371100202600007号';
const pdf = join(shots, '..', 'hall-material.pdf');
writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The window's accounts and, at a counter, the training reader: fixtures. */
async function seedUsers(r: Rpc, idcardSimulator: boolean): Promise<void> {
  await r('session.setupAdmin', ADMIN);
  await r('session.login', { username: ADMIN.username, password: ADMIN.password });
  for (const u of [CLERK, REVIEWER, LEADER]) await r('session.createUser', u);
  if (idcardSimulator) {
    const view = await r<Record<string, unknown> & { devices: Record<string, Record<string, unknown>> }>('settings.get', {});
    await r('settings.update', {
      ...view,
      platform: {},
      devices: { ...view.devices, idcard: { ...view.devices.idcard, driver: 'simulator', pollIntervalMs: 200 } },
    });
  }
  await r('session.logout', {});
}

type Engine = 'PGlite' | 'PostgreSQL';

/** The whole story against one hall server on `engine`: hosts, hall and database are the describe's own. */
function hallStory(engine: Engine): void {
  test.describe(`hall on ${engine}`, () => {
    test.skip(
      engine === 'PostgreSQL' && !process.env.ONEWINDOW_TEST_PG,
      'PostgreSQL runs when ONEWINDOW_TEST_PG names one (.ci/run sets it)',
    );
    const tag = engine === 'PGlite' ? 'pglite' : 'pg';
    const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `hall-${tag}-${name}.png`) });

    let sql: Sql;
    let hall: HallServer;
    let dropDatabase: () => Promise<void> = () => Promise.resolve();
    const hosts: Record<'a' | 'o' | 'b', RunningHost> = {} as never;
    const rpc: Record<'a' | 'o' | 'b', Rpc> = { a: rpcFor(() => hosts.a), o: rpcFor(() => hosts.o), b: rpcFor(() => hosts.b) };
    let planCase: AcceptedCase;
    let otherCase: AcceptedCase;
    let stage2Cases: AcceptedCase[];

    test.beforeAll(async () => {
      const database =
        engine === 'PostgreSQL' ? await freshPostgres(process.env.ONEWINDOW_TEST_PG!) : { url: 'memory', drop: () => Promise.resolve() };
      dropDatabase = database.drop;
      sql = await openHallDatabase(database.url);
      // The hall keeps the windows' injected clock (an ordinary Monday in March 2026, ticking at real
      // speed), so that its board's due dates and sync lag read as at the windows, not against today.
      const clockStart = Date.parse(DEFAULT_E2E_CLOCK);
      const realStart = Date.now();
      hall = await startHall({
        sql,
        hall: { hallName: '日照市政务服务中心', hallCode: 'RZ' },
        port: 0,
        now: () => clockStart + (Date.now() - realStart),
      });
      [hosts.a, hosts.o, hosts.b] = await Promise.all([startHost(), startHost(), startHost()]);
      await Promise.all([seedUsers(rpc.a, true), seedUsers(rpc.o, false), seedUsers(rpc.b, true)]);
    });
    test.afterAll(async () => {
      await Promise.all(Object.values(hosts).map((h) => h.stop()));
      await hall?.close();
      await sql?.close();
      await dropDatabase();
    });

    /** The hall admin page in `page`, logged in with the password `npm run hall` prints once at first start. */
    async function openHallAdmin(page: Page): Promise<void> {
      await page.goto(`${hall.url}/admin`);
      if (await page.getByLabel('管理员密码').isVisible()) {
        await page.getByLabel('管理员密码').fill(hall.admin.firstPassword!);
        await page.getByRole('button', { name: '登录' }).click();
        await expect(page.locator('#windows')).toBeVisible();
      }
    }

    /** On the hall admin page (server-rendered, no script), the hall admin issues a one-time code for `assignment`. */
    async function issueCodeOnHallAdmin(page: Page, assignment: WindowAssignment): Promise<string> {
      await openHallAdmin(page);
      const form = page.locator('section', { has: page.getByRole('heading', { name: '签发登记码' }) });
      await form.getByLabel('窗口名称').fill(assignment.windowName);
      await form.getByLabel('角色').selectOption(assignment.role);
      await form.getByLabel('部门（部门后台必选）').selectOption(assignment.department ?? '');
      await form.getByRole('button', { name: '签发一次性登记码' }).click();
      await expect(page.locator('#enrolment-code')).toHaveText(/\S+/);
      return (await page.locator('#enrolment-code').textContent())!.trim();
    }

    /** The administrator types the hall address and the code the hall admin issued, in 工位设置; stays logged in. */
    async function enrolOnScreen(
      page: Page,
      host: RunningHost,
      assignment: WindowAssignment,
      roleLabel: string,
      screenshot?: string,
    ): Promise<void> {
      const code = await issueCodeOnHallAdmin(page, assignment);
      await page.goto(host.launchUrl);
      await login(page, ADMIN);
      await page.getByRole('menuitem', { name: '工位设置' }).click();
      const card = page.getByTestId('hall-enrolment');
      await card.getByTestId('hall-url').fill(hall.url);
      await card.getByTestId('hall-code').fill(code.toLowerCase());
      await card.getByTestId('hall-enrol').click();
      await expect(card.getByTestId('hall-role')).toHaveText(roleLabel);
      await expect(card.getByTestId('hall-assignment')).toContainText(assignment.windowName);
      // The same code again is refused in Chinese: it is spent.
      await card.getByTestId('hall-code').fill(code);
      await card.getByTestId('hall-enrol').click();
      await expect(card.getByTestId('hall-enrol-error')).toContainText('登记码无效、已使用或已过期');
      if (screenshot) await shot(page, screenshot);
    }

    test('a case accepted at window A is decided and signed in the back office and issued at the issuing window; stage 2 reuses it', async ({
      browser,
    }) => {
      test.setTimeout(420_000);
      const a = await browser.newPage();
      const o = await browser.newPage();
      const b = await browser.newPage();

      await test.step('each window is enrolled in 工位设置 with a one-time code; the back office’s leader makes a signing key', async () => {
        await enrolOnScreen(a, hosts.a, { windowName: '3号窗口', role: 'counter', department: null }, '综合受理窗口');
        await logout(a);
        await enrolOnScreen(
          o,
          hosts.o,
          { windowName: '规划局后台', role: 'back-office', department: DEPARTMENT },
          '部门后台审批',
          '01-enrolled',
        );
        // The leader, at the administrator's side, types the password on 签名密钥.
        await makeSigningKeys(o, [LEADER]);
        await shot(o, '01b-leader-key');
        await logout(o);
        await enrolOnScreen(b, hosts.b, { windowName: '12号窗口', role: 'issuing', department: null }, '统一出件窗口');
        await logout(b);
        // The hall admin page lists the three windows with their roles.
        await openHallAdmin(b);
        const windows = b.locator('#windows');
        await expect(windows.getByRole('row', { name: /3号窗口/ })).toContainText('综合受理窗口');
        await expect(windows.getByRole('row', { name: /规划局后台/ })).toContainText('部门后台审批');
        await expect(windows.getByRole('row', { name: /12号窗口/ })).toContainText('统一出件窗口');
        await shot(b, '01a-hall-admin');
        await b.goto(hosts.b.launchUrl);
      });

      await test.step('stage 1 is accepted at window A on the acceptance screen: card, one form, materials, notice', async () => {
        await login(a, CLERK);
        const { cases } = await acceptStage(a, 1, {
          file: pdf,
          card: 'resident-standard',
          hooks: { onCollected: () => shot(a, '01c-stage1-materials').then(() => undefined) },
        });
        planCase = cases.find((c) => c.department === DEPARTMENT)!;
        otherCase = cases.find((c) => c.department !== DEPARTMENT)!;
        expect(planCase).toBeDefined();
        expect(otherCase).toBeDefined();
        // The acceptance notice, previewed (no printer at this window).
        await a.getByTestId('print-notice').click();
        await expect(a.getByTestId('pdf-preview')).toHaveAttribute('data-ready', 'yes');
        await shot(a, '01d-notice');
        await a.getByTestId('document-close').click();
        await logout(a);
      });

      await test.step('the back office opens on its worklist: the case from window A is there, pushed by the hall', async () => {
        await login(o, REVIEWER);
        const list = o.getByTestId('hall-worklist');
        await expect(list).toContainText('部门后台审批');
        const row = o.getByTestId(`worklist-${planCase.caseNumber}`);
        await expect(row).toContainText('待审批');
        await expect(row).toContainText('已受理');
        await shot(o, '02-worklist');
        await row.click();
        await expect(o.getByTestId('case-number')).toHaveText(planCase.caseNumber);
        await o.getByRole('button', { name: '部门决定' }).click();
        await o
          .getByTestId('dialog-decide')
          .getByRole('button', { name: /作出决定/ })
          .click();
        await expect(o.getByTestId('case-status')).toHaveText('已决定');
      });

      await test.step('the leader signs in the back office', async () => {
        await o.getByTestId('leader-sign').click();
        const modal = o.getByTestId('signing-modal');
        await modal.getByLabel('领导用户名').fill(LEADER.username);
        await modal.getByLabel('领导密码').fill(LEADER.password);
        await modal.getByLabel('领导密码').press('Enter');
        await expect(modal).toContainText(LEADER.displayName);
        const pad = modal.getByTestId('signature-pad');
        const box = (await pad.boundingBox())!;
        await o.mouse.move(box.x + 40, box.y + 100);
        await o.mouse.down();
        for (let i = 1; i <= 12; i++) await o.mouse.move(box.x + 40 + i * 25, box.y + 100 - Math.sin(i / 2) * 40);
        await o.mouse.up();
        await modal.getByTestId('seen-0').check();
        await modal.getByTestId('sign-now').click();
        await expect(modal.getByTestId('signing-done')).toContainText(/SM2\/SM3/);
        await modal.getByRole('button', { name: '完成' }).click();
        await expect(o.getByTestId('case-status')).toHaveText('已签发');
        await shot(o, '03-signed');
      });

      await test.step('the issuing window sees the case ready for 出件 and issues it with its licence number', async () => {
        await login(b, CLERK);
        await b.getByRole('menuitem', { name: '大厅待办' }).click();
        const row = b.getByTestId(`worklist-${planCase.caseNumber}`);
        await expect(row).toContainText('待出件');
        await expect(row).toContainText('已签发');
        await shot(b, '04-issuing-worklist');
        await row.click();
        await b.getByTestId('case-actions').getByRole('button', { name: '出件' }).click();
        const dialog = b.getByTestId('dialog-issue');
        await dialog.getByLabel('文书编号（可选）').fill(LAND_PERMIT_NO);
        await dialog.getByRole('button', { name: /确认出件/ }).click();
        await expect(b.getByTestId('case-status')).toHaveText('已出件');
        const decision = b.getByRole('dialog', { name: /准予行政许可决定书/ });
        await expect(decision).toBeVisible();
        await decision.getByTestId('document-close').click();
      });

      await test.step('window A sees what the back office and the issuing window did, in the case history', async () => {
        await login(a, CLERK);
        await a.getByRole('menuitem', { name: '办件查询' }).click();
        await a.getByRole('row', { name: new RegExp(planCase.caseNumber) }).click();
        await expect(a.getByTestId('case-status')).toHaveText('已出件');
        await expect(a.getByTestId('case-history')).toContainText('部门决定：准予许可');
        await expect(a.getByTestId('case-history')).toContainText('领导签发');
        await expect(a.getByTestId('case-history')).toContainText('出件，办结');
        await expect(a.getByTestId('case-history')).toContainText('规划局后台 · 钱局长');
        await shot(a, '05-back-at-counter');
      });

      await test.step('window A hands another case over to window B from the case page; B finds it in its worklist', async () => {
        await a.getByRole('button', { name: '← 返回' }).click();
        await a.getByRole('row', { name: new RegExp(otherCase.caseNumber) }).click();
        await expect(a.getByTestId('case-number')).toHaveText(otherCase.caseNumber);
        await a.getByTestId('hand-over').click();
        const dialog = a.getByRole('dialog', { name: new RegExp(`移交办件 ${otherCase.caseNumber}`) });
        await dialog.getByLabel('移交给').click();
        await a
          .locator('.ant-select-dropdown:visible')
          .getByText(/^12号窗口/)
          .click();
        await dialog.getByTestId('hand-over-note').fill('申请人改到12号窗口办理');
        await shot(a, '05b-hand-over');
        await dialog.getByRole('button', { name: '移交' }).click();
        await expect(a.getByText(`办件 ${otherCase.caseNumber} 已移交给12号窗口`)).toBeVisible();
        await expect(a.getByTestId('case-history')).toContainText('移交其他窗口办理：申请人改到12号窗口办理');
        await b.getByRole('menuitem', { name: '大厅待办' }).click();
        const row = b.getByTestId(`worklist-${otherCase.caseNumber}`);
        await expect(row).toContainText('移交来件');
        await expect(row).toContainText('申请人改到12号窗口办理');
        await expect(row).toContainText('来自3号窗口');
      });

      await test.step('stage 2 at window B: the project comes from the hall, stage 1’s materials and licence are reused', async () => {
        const { cases } = await acceptStage(b, 2, {
          file: pdf,
          card: 'resident-standard',
          hooks: {
            // The licence B issued at stage 1 fills its field, tagged as stage 1's result.
            onForm: async () => {
              const permit = b.getByTestId('field-land.planningPermitNo');
              await expect(permit).toHaveAttribute('data-source', 'result:1');
              await expect(permit.locator('input')).toHaveValue(LAND_PERMIT_NO);
            },
            onMaterials: async () => {
              await expect(b.locator('[data-testid^="status-"]', { hasText: '复用' }).first()).toBeVisible();
              await shot(b, '06-stage2-reuse');
            },
          },
        });
        stage2Cases = cases;
        expect(stage2Cases.length).toBeGreaterThan(0);
      });

      await test.step('the back office’s leader sees the hall-wide board with both stages', async () => {
        await logout(o);
        await login(o, LEADER);
        await o.getByRole('menuitem', { name: '全大厅督办' }).click();
        const board = o.getByTestId('hall-board');
        // Stage 1 from window A, stage 2 from window B, each row with the project and its window.
        const stage1Row = board.getByRole('row', { name: new RegExp(planCase.caseNumber) });
        await expect(stage1Row).toContainText(PROJECT_CODE);
        await expect(stage1Row).toContainText('3号窗口');
        for (const c of stage2Cases) {
          const row = board.getByRole('row', { name: new RegExp(c.caseNumber) });
          await expect(row).toContainText(PROJECT_CODE);
          await expect(row).toContainText('12号窗口');
        }
        // Accepted today, nothing is overdue yet.
        await expect(board).not.toContainText('逾期');
        await shot(o, '07-hall-board');
        // The hall admin page's board shows them too.
        await openHallAdmin(o);
        const adminBoard = o.locator('#board');
        for (const c of [planCase, ...stage2Cases]) await expect(adminBoard).toContainText(c.caseNumber);
        await shot(o, '08-hall-admin-board');
      });
    });
  });
}

hallStory('PGlite');
hallStory('PostgreSQL');
