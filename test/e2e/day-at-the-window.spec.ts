import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/store/database';
import { localJournalDigest } from '../../electron/sync/digest';
import { startPlatform, type Platform } from '../platform/server';
import { BUILDER_USCC, PROJECT_CODE } from '../unit/acceptance/standard-project';
import {
  acceptStage,
  decideSignIssue,
  login,
  logout,
  makeSigningKeys,
  pick,
  scan,
  type AcceptedCase,
  type AcceptedStage,
  type Person,
  type StaffByDepartment,
} from './helpers';
import { startHost, type RunningHost } from './host';

// One story, through the screens only, of everyone at the window: IT sets the window up (工位设置,
// 用户管理, 签名密钥), a clerk takes one project through its four stages for a Hong Kong agent
// (港澳台居民居住证 read from a training card placed from the reader's badge, his 港澳通行证
// number and +852 phone) and a project contact named 龚䶮; each stage asks nothing an earlier one
// issued, a reload mid-form keeps the draft, cases are opened by scanning their numbers (keyboard
// wedge), each department's reviewer decides, its leader signs its cases as one batch, a reviewer
// of another department is refused, the applicant rates, and everything reaches the central
// platform. The contract is called only for fixtures: the reference platform and its e-licence.
let host: RunningHost;
let platform: Platform;
let platformDir: string;
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `day-${name}.png`) });
const pdf = join(shots, '..', 'day-material.pdf');
writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const WORKSTATION = { id: 'WS-DAY-01', secret: 'day-at-the-window-secret-0123' };
const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
const CLERK: Person = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1' };
/** Each department a standard project's four stages reach gets a reviewer and a leader, made on the users screen. */
const DEPARTMENTS = [
  { name: '市发展和改革局', short: 'fgw' },
  { name: '市自然资源和规划局', short: 'zrzy' },
  { name: '市住房和城乡建设局', short: 'zjj' },
  { name: '市人民防空办公室', short: 'rfb' },
  { name: '市城市建设档案馆', short: 'cjdag' },
] as const;
const STAFF: StaffByDepartment = Object.fromEntries(
  DEPARTMENTS.map((d, i) => [
    d.name,
    {
      reviewer: { username: `${d.short}.review`, displayName: `审核${'甲乙丙丁戊'[i]}`, password: `review-pass-${d.short}` },
      leader: { username: `${d.short}.leader`, displayName: `局长${'甲乙丙丁戊'[i]}`, password: `leader-pass-${d.short}` },
    },
  ]),
);
/** The Hong Kong agent's 港澳台居民居住证 (training card hk-mo-tw) and his phone. */
const AGENT = { card: 'hk-mo-tw', name: '黄志强', pass: 'H98765432', phone: '+852 9123 4567' };
const CONTACT = '龚䶮';
/** The number each result is issued with; later stages' forms must carry it, untyped. */
const ISSUED_NUMBERS: Record<string, string> = {
  建设用地规划许可证核发: '地字第330100202600012号',
  建设工程规划许可证核发: '建字第330100202600031号',
  建筑工程施工许可证核发: '330108202603020101',
};
/** Per stage: the field an earlier stage's result fills, with that stage and the number it issued. */
const FROM_EARLIER: Record<number, { key: string; stage: number; number: string }> = {
  2: { key: 'land.planningPermitNo', stage: 1, number: ISSUED_NUMBERS['建设用地规划许可证核发']! },
  3: { key: 'planning.engineeringPermitNo', stage: 2, number: ISSUED_NUMBERS['建设工程规划许可证核发']! },
  4: { key: 'construction.permitNo', stage: 3, number: ISSUED_NUMBERS['建筑工程施工许可证核发']! },
};

test.beforeAll(async () => {
  platformDir = mkdtempSync(join(tmpdir(), 'ow-day-platform-'));
  platform = await startPlatform({ port: 0, database: join(platformDir, 'hall'), workstations: [WORKSTATION] });
  // Fixture: the platform's e-licence library holds the builder's business licence.
  await platform.store.addElicence({
    identifier: '1.2.156.3005.2.11100000000013338W032.91350100M000100Y43.001.F',
    holderId: BUILDER_USCC,
    licenceType: '营业执照',
    validUntil: null,
    data: { name: '杭州某某科创置业有限公司', legalRepresentative: '赵六' },
  });
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
  await platform?.close();
  rmSync(platformDir, { recursive: true, force: true });
});

async function createUser(page: Page, u: Person, role: string, department?: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(u.username);
  await page.getByLabel('姓名', { exact: true }).fill(u.displayName);
  await page.getByLabel('初始密码').fill(u.password);
  await pick(page, '角色', role);
  if (department) {
    await page.getByLabel('所属部门', { exact: true }).click();
    await page.keyboard.type(department.slice(1, 3));
    await page.locator('.ant-select-dropdown:visible').getByTitle(department, { exact: true }).click();
  }
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('cell', { name: u.username, exact: true })).toBeVisible();
}

/** One stage at the window, on the screens (the shared acceptStage), with this story's checks at each moment. */
async function acceptStageOfTheDay(page: Page, stage: number, during: { form?: () => Promise<void> } = {}): Promise<AcceptedStage> {
  return acceptStage(page, stage, {
    file: pdf,
    // The agent's card, laid on the training reader from its badge, at stage 1; later stages know him.
    ...(stage === 1 ? { card: AGENT.card } : {}),
    hooks: {
      onStage: async () => {
        if (stage !== 1) return;
        // The 办事指南 gives the applicant this hall's place and phone as IT configured them, not the catalog's template text.
        await page.getByRole('button', { name: '办事指南' }).first().click();
        const guide = page.locator('.ant-drawer');
        await expect(guide).toContainText('0571-87654321');
        await expect(guide).toContainText('12号窗口');
        await expect(guide).not.toContainText('模板');
        await shot(page, '03a-guide');
        await page.keyboard.press('Escape');
        await expect(guide).toBeHidden();
      },
      onForm: async () => {
        if (stage === 1) {
          // The card's type, number and 通行证 number.
          await expect(page.getByTestId('field-agent.name')).toHaveAttribute('data-source', 'idcard');
          await expect(page.getByTestId('field-agent.name').locator('input')).toHaveValue(AGENT.name);
          await expect(page.getByTestId('field-agent.passNumber')).toHaveAttribute('data-source', 'idcard');
          await expect(page.getByTestId('field-agent.passNumber').locator('input')).toHaveValue(AGENT.pass);
          await expect(page.getByTestId('field-agent.certType')).toContainText('港澳台居民居住证');
          await page.getByTestId('field-agent.phone').locator('input').fill(AGENT.phone);
          await page.getByTestId('field-builder.contact.name').locator('input').fill(CONTACT);
          await shot(page, '03-stage1-card');
        } else {
          // The agent and the contact come back from stage 1; the number an earlier stage issued fills its field, tagged.
          await expect(page.getByTestId('field-agent.name').locator('input')).toHaveValue(AGENT.name);
          await expect(page.getByTestId('field-agent.name')).not.toHaveAttribute('data-source', 'empty');
          await expect(page.getByTestId('field-agent.phone').locator('input')).toHaveValue(/^\+852/);
          const earlier = FROM_EARLIER[stage]!;
          const field = page.getByTestId(`field-${earlier.key}`);
          await expect(field).toHaveAttribute('data-source', `result:${earlier.stage}`);
          await expect(field).toContainText(`第${earlier.stage}阶段核发`);
          await expect(field.locator('input')).toHaveValue(earlier.number);
        }
        if (stage === 4) await expect(page.getByTestId('field-builder.contact.name').locator('input')).toHaveValue(CONTACT);
      },
      onFormFilled: async (typed) => {
        for (const issued of Object.values(FROM_EARLIER))
          expect(typed, `stage ${stage} asks ${issued.key} again`).not.toContain(issued.key);
        await shot(page, `04-stage${stage}-form`);
        await during.form?.();
      },
      onMaterials: async () => {
        // The platform's e-licence library, asked by the builder's USCC, stands in for the paper business licence.
        if (stage === 1 || (await page.getByTestId('status-business-licence').count()) > 0)
          await expect(page.getByTestId('status-business-licence')).toHaveText('电子证照');
        if (stage > 1) await expect(page.locator('[data-testid^="status-"]', { hasText: '复用' }).first()).toBeVisible();
      },
      onCollected: () => shot(page, `05-stage${stage}-materials`).then(() => undefined),
    },
  });
}

test('a day at the window', async ({ page, browser }) => {
  // Four stages and their decisions on a shared, loaded machine: each step waits on state; only the total is long.
  test.setTimeout(1_200_000);
  await test.step('first run: the administrator is created', async () => {
    await page.goto(host.launchUrl);
    await expect(page.getByText('一窗通 · 首次使用')).toBeVisible();
    await shot(page, '01-first-run');
    await page.getByLabel('管理员用户名').fill(ADMIN.username);
    await page.getByLabel('姓名').fill(ADMIN.displayName);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('确认密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await expect(page.getByTestId('user-menu')).toContainText(ADMIN.displayName);
  });

  await test.step('IT configures the window on 工位设置: number and phone, training reader and camera, folder printers, the central platform', async () => {
    await page.getByRole('menuitem', { name: '工位设置' }).click();
    await page.getByLabel('窗口号', { exact: true }).fill('12');
    await page.getByLabel('窗口名称', { exact: true }).fill('工程建设项目综合受理窗口');
    await page.getByLabel('咨询电话（印在文书上）').fill('0571-87654321');
    await pick(page, '驱动', '模拟读卡器（培训）');
    await pick(page, '高拍仪', '模拟高拍仪（培训）');
    await pick(page, 'A4文书类型', '输出到文件夹（培训）');
    await pick(page, '回执类型', '输出到文件夹（培训）');
    await page.getByLabel('平台地址', { exact: true }).fill(platform.url);
    await page.getByLabel('工位编号', { exact: true }).fill(WORKSTATION.id);
    await page.getByLabel('平台密钥', { exact: true }).fill(WORKSTATION.secret);
    await shot(page, '02a-settings');
    await page.getByRole('button', { name: '保存配置' }).click();
    await expect(page.getByTestId('hall-window')).toContainText('12号窗口');
  });

  await test.step('IT makes the clerk and each department’s reviewer and leader on 用户管理', async () => {
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await createUser(page, CLERK, '窗口人员');
    for (const d of DEPARTMENTS) {
      await createUser(page, STAFF[d.name]!.reviewer, '审核人员', d.name);
      await createUser(page, STAFF[d.name]!.leader, '部门领导', d.name);
    }
    await shot(page, '02b-users');
  });

  await test.step('each leader, at the administrator’s side, makes a signing key on 签名密钥', async () => {
    await makeSigningKeys(
      page,
      DEPARTMENTS.map((d) => STAFF[d.name]!.leader),
    );
    await shot(page, '02c-keys');
    await logout(page);
  });

  const display = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await display.goto(host.displayUrl);
  await expect(display.getByTestId('applicant-display')).toContainText('欢迎办理');

  await test.step('the clerk logs in: the training reader is ready, the platform configured', async () => {
    await login(page, CLERK);
    await expect(page.getByTestId('acceptance')).toBeVisible();
    await expect(page.getByTestId('device-idcard')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('sync-badge')).not.toHaveAttribute('data-state', 'not-configured');
  });

  const typedPerStage: Record<number, string[]> = {};
  for (const stage of [1, 2, 3, 4]) {
    let cases: AcceptedCase[] = [];
    await test.step(`stage ${stage}: accepted on one form, nothing asked that an earlier stage issued`, async () => {
      const reloadMidForm = async () => {
        // Nothing lost: the draft is on the Node side as it is typed; a reload brings it back.
        const before = await page
          .locator('[data-testid^="field-"] input')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved');
        await page.reload();
        await expect(page.getByTestId('user-menu')).toContainText(CLERK.displayName);
        await expect(page.getByTestId('field-agent.name').locator('input')).toHaveValue(AGENT.name);
        const after = await page
          .locator('[data-testid^="field-"] input')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        expect(after).toEqual(before);
        await shot(page, '04b-restored-after-reload');
      };
      const accepted = await acceptStageOfTheDay(page, stage, stage === 2 ? { form: reloadMidForm } : {});
      typedPerStage[stage] = accepted.typed;
      cases = accepted.cases;
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) expect(c.caseNumber).toMatch(/^W12-2026-\d{6}$/);
      await shot(page, `06-stage${stage}-accepted`);
    });

    if (stage === 1) {
      await test.step('the acceptance notice is printed with the case number as a barcode', async () => {
        await page.getByTestId('print-notice').click();
        await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-ready', 'yes');
        await page.getByTestId('document-print').click();
        await expect(page.getByTestId('document-print-done')).toBeVisible();
        await page.getByTestId('document-close').click();
        const printed = join(host.dataDir, 'printed');
        const notices = () => readdirSync(printed).filter((f) => f.endsWith('.pdf'));
        await expect.poll(() => notices().length).toBeGreaterThanOrEqual(1);
        const texts = notices().map((f) => execFileSync('pdftotext', [join(printed, f), '-'], { encoding: 'utf8' }).replace(/\s+/g, ''));
        expect(texts.some((t) => t.includes(cases[0]!.caseNumber) && t.includes('受理通知书'))).toBe(true);
        await logout(page);
      });

      await test.step('a reviewer of another department opens a case by scanning it and is refused, with the reason', async () => {
        const foreign = cases.find((c) => c.department !== DEPARTMENTS[0].name)!;
        await login(page, STAFF[DEPARTMENTS[0].name]!.reviewer);
        await scan(page, foreign.caseNumber);
        await page.getByTestId('case-actions').getByRole('button', { name: '部门决定' }).click();
        await page
          .getByTestId('dialog-decide')
          .getByRole('button', { name: /作出决定/ })
          .click();
        await expect(page.getByText(`该办件由${foreign.department}承办`).first()).toBeVisible();
        await shot(page, '07-other-department-refused');
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('case-status')).not.toHaveText('已决定');
        await logout(page);
      });
    } else {
      await logout(page);
    }

    await test.step(`stage ${stage}: each department decides, its leader signs its cases as one batch, the clerk issues`, async () => {
      await decideSignIssue(page, cases, {
        staff: STAFF,
        clerk: CLERK,
        documentNumbers: ISSUED_NUMBERS,
        shot: (name) => shot(page, `08-stage${stage}-${name}`),
      });
      await shot(page, `09-stage${stage}-issued`);
    });

    if (stage === 3) {
      await test.step('a case number typed into the case search opens that case, not a filtered list', async () => {
        await page.getByRole('menuitem', { name: '办件查询' }).click();
        const box = page.getByTestId('case-search').locator('input');
        await box.fill(cases[0]!.caseNumber);
        await box.press('Enter');
        await expect(page.getByTestId('case-number')).toHaveText(cases[0]!.caseNumber);
        await expect(page.getByTestId('case-status')).toHaveText('已出件');
      });
    }

    if (stage === 2) {
      await test.step('the applicant rates the service on the second screen', async () => {
        await page.getByRole('button', { name: '邀请评价' }).click();
        await expect(page.getByTestId('rating-status')).toHaveText('待评价');
        await expect(display.getByTestId('rating-panel')).toBeVisible();
        await display.getByRole('button', { name: '非常满意' }).click();
        await display.getByRole('button', { name: '提交评价' }).click();
        await expect(display.getByTestId('rating-thanks')).toBeVisible();
        await expect(page.getByTestId('rating-status')).toHaveText('已评价');
        await display.screenshot({ path: join(shots, 'day-10-display-thanks.png') });
      });
    }
  }

  await test.step('the project shows four stages issued; later stages asked less', async () => {
    await page.getByRole('menuitem', { name: /受理/ }).click();
    await page.keyboard.press('F4');
    await page.getByPlaceholder(/^项目代码/).fill(PROJECT_CODE);
    await page.getByPlaceholder(/^项目代码/).press('Enter');
    const row = page.getByRole('row', { name: new RegExp(PROJECT_CODE) });
    for (const n of [1, 2, 3, 4]) await expect(row).toContainText(`第${n}阶段已出件`);
    await shot(page, '11-project-issued');
    console.log(`clerk-typed fields per stage: ${[1, 2, 3, 4].map((n) => `${n}: ${typedPerStage[n]!.length}`).join(', ')}`);
    expect(typedPerStage[4]!.length).toBeLessThan(typedPerStage[1]!.length);
  });

  await test.step('everything reaches the central platform exactly once', async () => {
    await page.getByTestId('sync-badge').click();
    await page.getByRole('button', { name: '立即同步' }).click();
    await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
    await expect
      .poll(
        async () => {
          const held = await platform.digest(WORKSTATION.id);
          const db = openDatabase(join(host.dataDir, 'onewindow.db'));
          try {
            return JSON.stringify(held) === JSON.stringify(localJournalDigest(db));
          } finally {
            db.close();
          }
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    await shot(page, '12-synced');
  });
  await display.close();
});
