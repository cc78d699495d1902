import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, rmSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubmitResult } from '../../shared/api/acceptance';
import { openDatabase } from '../../electron/store/database';
import { localJournalDigest } from '../../electron/sync/digest';
import { startPlatform, type Platform } from '../platform/server';
import { BUILDER_USCC, PROJECT_CODE } from '../unit/acceptance/standard-project';
import { acceptStage, collectMaterials, decideSignIssue, fillEmptyFields, login, logout, rpcFor, scan } from './helpers';
import { startHost, type RunningHost } from './host';

// One story that grows with every capability: a clerk's day at the window. The project's first
// stage was accepted and issued earlier (seeded through the contract); today the applicant's
// agent comes for stage 2: card on the reader, one form mostly filled already, materials reused,
// notice printed; the reviewer decides, the leader signs at the window, the clerk issues, the
// applicant rates, and everything reaches the central platform (the reference platform over
// loopback).
let host: RunningHost;
let platform: Platform;
let platformDir: string;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `day-${name}.png`) });
const pdf = join(shots, '..', 'day-material.pdf');

const WORKSTATION = { id: 'WS-DAY-01', secret: 'day-at-the-window-secret-0123' };
const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1' };
const REVIEWER = { username: 'review1', displayName: '赵审核', password: 'review-pass-1', role: 'reviewer', department: '市自然资源和规划局' };
const LEADER = { username: 'leader1', displayName: '钱局长', password: 'leader-pass-1', role: 'leader', department: '市自然资源和规划局' };

let stage1: SubmitResult;

test.beforeAll(async () => {
  platformDir = mkdtempSync(join(tmpdir(), 'ow-day-platform-'));
  platform = await startPlatform({ port: 0, dbFile: join(platformDir, 'platform.db'), workstations: [WORKSTATION] });
  host = await startHost();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
});
test.afterAll(async () => {
  await host?.stop();
  await platform?.close();
  rmSync(platformDir, { recursive: true, force: true });
});

test('a day at the window', async ({ page, browser }) => {
  // A whole day on a shared, loaded machine: every step waits on state, so only the total is long.
  test.setTimeout(480_000);
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

  await test.step('IT configures the window: training reader, folder printer, the central platform', async () => {
    // The same session as the page: the administrator is logged in.
    for (const u of [REVIEWER, LEADER]) await rpc('session.createUser', u);
    const view = await rpc<Record<string, unknown> & { devices: Record<string, Record<string, unknown>> }>('settings.get', {});
    await rpc('settings.update', {
      ...view,
      window: { number: '12', name: '工程建设项目综合受理窗口', phone: '0571-87654321' },
      devices: {
        ...view.devices,
        idcard: { ...view.devices.idcard, driver: 'simulator', pollIntervalMs: 200 },
        camera: { driver: 'simulator' },
        printers: { notice: { kind: 'folder' }, receipt: { kind: 'folder' } },
      },
      platform: { url: platform.url, workstationId: WORKSTATION.id, secret: WORKSTATION.secret },
    });
    const leader = (await rpc<{ id: string; username: string }[]>('session.listUsers', {})).find((u) => u.username === LEADER.username)!;
    await rpc('signing.provisionKey', { userId: leader.id, credential: LEADER.password });
    await page.reload();
    await expect(page.getByTestId('hall-window')).toContainText('12号窗口');
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByPlaceholder('用户名').fill(CLERK.username);
    await page.getByPlaceholder('姓名').fill(CLERK.displayName);
    await page.getByPlaceholder('初始密码').fill(CLERK.password);
    await page.getByRole('button', { name: '创建' }).click();
    await expect(page.getByRole('cell', { name: CLERK.username, exact: true })).toBeVisible();
    await logout(page);
  });

  await test.step('the platform’s e-licence library holds the builder’s business licence (fixture)', () => {
    platform.store.addElicence({
      identifier: '1.2.156.3005.2.11100000000013338W032.91350100M000100Y43.001.F',
      holderId: BUILDER_USCC,
      licenceType: '营业执照',
      validUntil: null,
      data: { name: '杭州某某科创置业有限公司', legalRepresentative: '赵六' },
    });
  });

  await test.step('earlier: stage 1 of the project was accepted, decided, signed and issued', async () => {
    await rpc('session.login', { username: CLERK.username, password: CLERK.password });
    stage1 = await acceptStage(rpc, 1);
    await decideSignIssue(rpc, stage1.cases.map((c) => c.id), { reviewer: REVIEWER, clerk: CLERK, leader: LEADER });
    await rpc('session.logout', {});
  });

  const display = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await display.goto(host.displayUrl);
  await expect(display.getByTestId('applicant-display')).toContainText('欢迎办理');

  await test.step('the clerk logs in: the training reader is ready, the platform configured', async () => {
    await login(page, CLERK);
    await expect(page.getByTestId('acceptance')).toBeVisible();
    await expect(page.getByTestId('device-idcard')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('sync-badge')).not.toHaveAttribute('data-state', 'not-configured');
    await shot(page, '02-clerk-home');
  });

  await test.step('stage 2 of the same project: found by its code, one form mostly filled already', async () => {
    await page.getByPlaceholder(/^项目代码/).fill(PROJECT_CODE);
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: new RegExp(PROJECT_CODE) }).click();
    await page.getByTestId('stage-choice').getByText('第2阶段').click();
    await page.getByTestId('to-form').click();
    await expect(page.getByTestId('field-project.name')).toHaveAttribute('data-source', /project|stage:1/);
    await expect(page.getByTestId('field-builder.uscc')).not.toHaveAttribute('data-source', 'empty');
    // The 建设用地规划许可证 stage 1 issued: its number is filled, tagged with where it came from.
    const permit = page.getByTestId('field-land.planningPermitNo');
    await shot(page, '02b-stage2-prefilled');
    await expect(permit).toHaveAttribute('data-source', 'result:1');
    await expect(permit).toContainText('第1阶段核发');
    await expect(permit.locator('input')).toHaveValue(/^证-/);
  });

  await test.step('training: the card is placed on the simulated reader from its badge, and lifted', async () => {
    await page.getByTestId('device-idcard').click();
    const cards = page.getByTestId('training-cards');
    await expect(cards).toContainText('王小明');
    await shot(page, '03a-training-cards');
    await page.getByTestId('training-card-resident-standard').getByRole('button', { name: '放上' }).click();
    await expect(page.getByTestId('field-agent.name')).toHaveAttribute('data-source', 'idcard');
    await expect(page.getByTestId('field-agent.name').locator('input')).toHaveValue('王小明');
    await expect(page.getByTestId('training-card-resident-standard')).toContainText('已放上');
    await page.getByTestId('training-lift').click();
    await expect(page.getByTestId('training-card-resident-standard')).not.toContainText('已放上');
    await page.keyboard.press('Escape');
  });

  await test.step('the clerk types only what no earlier stage knew; a reload mid-form keeps it all', async () => {
    const typed = await fillEmptyFields(page);
    expect(typed).toBeGreaterThan(0);
    expect(typed).toBeLessThan(15);
    await shot(page, '03-stage2-form');
    const before = await page.locator('[data-testid^="field-"] input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const typedOnPage = await page
      .locator('[data-testid^="field-"]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid')!.slice('field-'.length), (e.querySelector('input:not([type="search"])') as HTMLInputElement | null)?.value ?? ''] as [string, string]));
    // The draft reaches the Node side as it is typed: wait until it holds every value on screen, then reload.
    await expect
      .poll(async () => {
        const [d] = await rpc<{ draftId: string }[]>('cases.listDrafts', {});
        if (!d) return ['no draft yet'];
        const draft = await rpc<{ data: { state?: { values?: Record<string, { value: unknown }> } } }>('cases.loadDraft', { draftId: d.draftId });
        const saved = draft.data.state?.values ?? {};
        return typedOnPage.filter(([k, v]) => v !== '' && String(saved[k]?.value ?? '') !== v).map(([k]) => k);
      })
      .toEqual([]);
    await page.reload();
    await expect(page.getByTestId('user-menu')).toContainText(CLERK.displayName);
    await shot(page, '03c-after-reload');
    await expect(page.getByTestId('field-agent.name').locator('input')).toHaveValue('王小明');
    const after = await page.locator('[data-testid^="field-"] input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(after).toEqual(before);
    await shot(page, '03b-restored-after-reload');
    await page.getByTestId('to-materials').click();
  });

  await test.step('materials: what stage 1 received and issued is reused, not asked again', async () => {
    // The platform's e-licence library, asked by the builder's USCC on the way in, holds the
    // business licence: it stands in for the paper; asking again from the screen says so.
    await expect(page.getByTestId('status-business-licence')).toHaveText('电子证照');
    await expect(page.getByTestId('status-land-use-planning-permit')).toHaveText('复用');
    await page.getByTestId('lookup-elicences').click();
    await expect(page.getByTestId('elicence-message')).toContainText('营业执照');
    await expect(display.getByTestId('display-acceptance')).toContainText('王*明');
    await collectMaterials(page, pdf);
    await shot(page, '04-stage2-materials');
    await display.screenshot({ path: join(shots, 'day-05-display-checklist.png') });
    await page.getByTestId('to-review').click();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText('受理成功')).toBeVisible();
  });

  let planCase = '';
  await test.step('the acceptance notice is printed with the case number as a barcode', async () => {
    const cases = page.getByTestId('accepted-cases');
    await expect(cases).toContainText('建设工程规划许可证核发');
    planCase = (await cases.getByRole('row', { name: /建设工程规划许可证核发/ }).locator('td').first().innerText()).trim();
    expect(planCase).toMatch(/^W12-2026-\d{6}$/);
    // The notice is previewed in the app (pdf.js) before it goes to the printer.
    await page.getByTestId('print-notice').click();
    await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-ready', 'yes');
    await page.getByTestId('document-print').click();
    await expect(page.getByTestId('document-print-done')).toBeVisible();
    await page.getByTestId('document-close').click();
    const printed = join(host.dataDir, 'printed');
    // The visit's notice, in the folder printer's output (training mode).
    const notices = () => readdirSync(printed).filter((f) => f.endsWith('.pdf'));
    await expect.poll(() => notices().length).toBeGreaterThanOrEqual(1);
    const texts = notices().map((f) => execFileSync('pdftotext', [join(printed, f), '-'], { encoding: 'utf8' }).replace(/\s+/g, ''));
    expect(texts.some((t) => t.includes(planCase) && t.includes('受理通知书'))).toBe(true);
    await shot(page, '06-accepted');
    await logout(page);
  });

  await test.step('the reviewer decides', async () => {
    await login(page, REVIEWER);
    await scan(page, planCase);
    await page.getByRole('button', { name: '部门决定' }).click();
    await page.getByTestId('dialog-decide').getByRole('button', { name: /作出决定/ }).click();
    await expect(page.getByTestId('case-status')).toHaveText('已决定');
    await logout(page);
  });

  await test.step('the leader signs at the clerk’s window; the clerk issues', async () => {
    await login(page, CLERK);
    await scan(page, planCase);
    await page.getByTestId('leader-sign').click();
    const modal = page.getByTestId('signing-modal');
    await modal.getByLabel('领导用户名').fill(LEADER.username);
    await modal.getByLabel('领导密码').fill(LEADER.password);
    await modal.getByLabel('领导密码').press('Enter');
    await expect(modal).toContainText(LEADER.displayName);
    await modal.getByTestId('seen-0').check();
    await modal.getByTestId('sign-now').click();
    await expect(modal.getByTestId('signing-done')).toContainText(/SM2\/SM3 [0-9a-f]{16}/);
    await modal.getByRole('button', { name: '完成' }).click();
    await expect(page.getByTestId('case-status')).toHaveText('已签发');
    await page.getByTestId('verify-signature').click();
    await expect(page.getByTestId('verify-result')).toContainText('签名有效');
    await page.getByTestId('case-actions').getByRole('button', { name: '出件' }).click();
    await page.getByTestId('dialog-issue').getByRole('button', { name: /确认出件/ }).click();
    await expect(page.getByTestId('case-status')).toHaveText('已出件');
    // 出件 opens the decision at once, previewed in the app; the clerk prints it for the applicant.
    await expect(page.getByTestId('document-preview')).toContainText('准予行政许可决定书');
    await shot(page, '07-issued');
    await page.getByTestId('document-print').click();
    await expect(page.getByTestId('document-print-done')).toBeVisible();
    await page.getByTestId('document-close').click();
    await expect(page.getByTestId('document-preview')).toBeHidden();
  });

  await test.step('the applicant rates the service on the second screen', async () => {
    await page.getByRole('button', { name: '邀请评价' }).click();
    await expect(page.getByTestId('rating-status')).toHaveText('待评价');
    await expect(display.getByTestId('rating-panel')).toBeVisible();
    await display.getByRole('button', { name: '非常满意' }).click();
    await display.getByRole('button', { name: '提交评价' }).click();
    await expect(display.getByTestId('rating-thanks')).toBeVisible();
    await expect(page.getByTestId('rating-status')).toHaveText('已评价');
    await display.screenshot({ path: join(shots, 'day-08-display-thanks.png') });
  });

  await test.step('everything reaches the central platform exactly once', async () => {
    await page.getByTestId('sync-badge').click();
    await page.getByRole('button', { name: '立即同步' }).click();
    await expect
      .poll(async () => {
        const s = await rpc<{ queued: number; sending: number; parked: number; sent: number }>('sync.status', {});
        return s.queued + s.sending + s.parked === 0 && s.sent > 0;
      }, { timeout: 60_000 })
      .toBe(true);
    const db = openDatabase(join(host.dataDir, 'onewindow.db'));
    try {
      expect(platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(db));
    } finally {
      db.close();
    }
    await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'idle');
    await shot(page, '09-synced');
  });
  await display.close();
});
