import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PROJECT_CODE } from '../unit/acceptance/standard-project';
import { SPEC_ADMIN, fillEmptyFields, login, logout, makeSigningKeys, rpcFor, scan } from './helpers';
import { startHost, type RunningHost } from './host';

// Issue 11: every paper at its moment, from the screen, previewed in the app (pdf.js) before it
// goes to the folder printer, and true for the case. The clerk only clicks and types; the
// contract is used only to set up users and the training devices; the leaders' keys are made on 签名密钥.
let host: RunningHost;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens', 'documents');
mkdirSync(shots, { recursive: true });
const material = join(shots, 'material.pdf');

const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk' };
type Person = { username: string; displayName: string; password: string };
// Reviewers and leaders act only on their department's cases: each department the stage-1 visit
// reaches gets its own pair (the case's department is read off the acceptance result on screen).
const STAFF: Record<string, { reviewer: Person; leader: Person }> = {
  市发展和改革局: {
    reviewer: { username: 'fgw.review', displayName: '孙审核', password: 'review-pass-1' },
    leader: { username: 'fgw.leader', displayName: '周局长', password: 'leader-pass-1' },
  },
  市自然资源和规划局: {
    reviewer: { username: 'zr.review', displayName: '赵审核', password: 'review-pass-2' },
    leader: { username: 'zr.leader', displayName: '钱局长', password: 'leader-pass-2' },
  },
};
const AGENT = '王䶮';
const PROJECT = '𠮷祥花园';
const SECOND_PROJECT = '2026-330106-47-03-654321';
const THIRD_PROJECT = '2026-330106-47-03-777777';

test.beforeAll(async ({ browser }) => {
  // A real two-page scan-like PDF: its pages are counted at upload and printed on the notice.
  const scan2 = await PDFDocument.create();
  scan2.addPage([595, 842]);
  scan2.addPage([595, 842]);
  writeFileSync(material, await scan2.save());
  host = await startHost();
  await rpc('session.setupAdmin', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  await rpc('session.login', { username: 'admin', password: 'admin-pass-1' });
  await rpc('session.createUser', { ...CLERK, department: null });
  const catalogDepartments = (await rpc<{ name: string }[]>('session.departments', {})).map((d) => d.name);
  for (const [department, { reviewer, leader }] of Object.entries(STAFF)) {
    expect(catalogDepartments).toContain(department);
    await rpc('session.createUser', { ...reviewer, role: 'reviewer', department });
    await rpc('session.createUser', { ...leader, role: 'leader', department });
  }
  const view = await rpc<Record<string, unknown> & { devices: Record<string, Record<string, unknown>> }>('settings.get', {});
  await rpc('settings.update', {
    ...view,
    platform: {},
    devices: {
      ...view.devices,
      idcard: { ...view.devices.idcard, driver: 'simulator' },
      printers: { notice: { kind: 'folder' }, receipt: { kind: 'folder' } },
    },
  });
  await rpc('session.logout', {});
  // The leaders' signing keys are made where they are made at a window: on 签名密钥.
  const admin = await browser.newPage();
  await admin.goto(host.launchUrl);
  await login(admin, SPEC_ADMIN);
  await makeSigningKeys(
    admin,
    Object.values(STAFF).map((s) => s.leader),
  );
  // The session is the window's, not the tab's: log out before the clerk's page opens.
  await logout(admin);
  await admin.close();
});
test.afterAll(async () => {
  await host.stop();
});

const printedDir = () => join(host.dataDir, 'printed');
const printedFiles = (): string[] => {
  try {
    return readdirSync(printedDir()).filter((f) => f.endsWith('.pdf'));
  } catch {
    return [];
  }
};
/** One step of the walk on a loaded 2-core machine (a step took up to ~2 minutes there). */
const STEP_TIMEOUT = 240_000;
const flat = (s: string) => s.replace(/\s+/g, '');

/** What the paper says (pdftotext) and which barcodes it carries (zbarimg on a 150 dpi rendering). */
function readPaper(file: string, name: string): { text: string; codes: string[] } {
  const text = flat(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
  const prefix = join(shots, name);
  execFileSync('pdftoppm', ['-png', '-r', '150', file, prefix]);
  // Smaller pictures to look at.
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, `${prefix}-look`]);
  const codes: string[] = [];
  for (const png of readdirSync(shots).filter((f) => f.startsWith(`${name}-`) && !f.includes('-look') && f.endsWith('.png'))) {
    try {
      codes.push(
        ...execFileSync('zbarimg', ['-q', join(shots, png)], { encoding: 'utf8' })
          .split('\n')
          .filter(Boolean),
      );
    } catch {
      // zbarimg exits non-zero on a page without barcodes
    }
  }
  return { text, codes };
}

/** Opens the preview behind `button`, waits for pdf.js to draw every page, prints, returns the paper. */
async function previewAndPrint(
  page: Page,
  button: string | null,
  name: string,
  opts: { reason?: string } = {},
): Promise<{ text: string; codes: string[] }> {
  const before = new Set(printedFiles());
  if (button) await page.getByTestId(button).click();
  const preview = page.getByTestId('pdf-preview');
  await expect(preview).toHaveAttribute('data-ready', 'yes', { timeout: 30_000 });
  await page.screenshot({ path: join(shots, `${name}-preview.png`) });
  if (opts.reason) {
    await page.getByTestId('reprint-reason').locator('input').fill(opts.reason);
  }
  await page.getByTestId('document-print').click();
  await expect(page.getByTestId('document-print-done')).toBeVisible();
  await page.getByTestId('document-close').click();
  let file = '';
  await expect
    .poll(() => {
      file = printedFiles().find((f) => !before.has(f)) ?? '';
      return file;
    })
    .not.toBe('');
  return readPaper(join(printedDir(), file), name);
}

/** 受理 → F4 → the project → the stage → the one form. */
async function openForm(page: Page, code: string, stage: number, { fresh }: { fresh: boolean }): Promise<void> {
  await page.getByRole('menuitem', { name: /受理/ }).click();
  await page.keyboard.press('F4');
  await page.getByPlaceholder(/^项目代码/).fill(code);
  await page.keyboard.press('Enter');
  if (fresh) await page.getByTestId('new-project').click();
  else await page.getByRole('row', { name: new RegExp(code) }).click();
  await page.getByTestId('stage-choice').getByText(`第${stage}阶段`).click();
  await page.getByTestId('to-form').click();
}

async function typeField(page: Page, key: string, value: string): Promise<void> {
  await page.getByTestId(`field-${key}`).locator('input').fill(value);
}

/** Attaches the sample file to every line to collect except `skip`. */
async function collectExcept(page: Page, skip: string[]): Promise<void> {
  await expect(page.locator('[data-testid^="status-"]').first()).toBeVisible();
  const statuses = await page
    .locator('[data-testid^="status-"]')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-testid')!.slice('status-'.length), e.textContent ?? ''] as [string, string]),
    );
  for (const [code, status] of statuses) {
    if ((status !== '需收取' && status !== '可容缺') || skip.includes(code)) continue;
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId(`upload-${code}`).click();
    await (await chooser).setFiles(material);
    await expect(page.getByTestId(`material-${code}`)).toContainText('material.pdf');
  }
}

type Accepted = { number: string; department: string };

/** The acceptance result as the clerk reads it: each case's number and the department that handles it. */
async function acceptedCases(page: Page): Promise<Accepted[]> {
  const rows = page.getByTestId('accepted-cases').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim());
      return { number: cells[0] ?? '', department: cells[2] ?? '' };
    }),
  );
}

/** Reviewer decides in the UI, the leader signs at the clerk's window, the clerk issues; returns to the clerk's session. */
async function decideSignIssue(
  page: Page,
  accepted: Accepted,
  decision: '准予许可' | '不予许可',
  name: string,
): Promise<{ text: string; codes: string[] }> {
  const caseNumber = accepted.number;
  const staff = STAFF[accepted.department];
  if (!staff) throw new Error(`no reviewer/leader made for ${accepted.department}`);
  await logout(page);
  await login(page, staff.reviewer);
  // The scanner wedge opens cases from the case list (the reviewer's landing screen may differ).
  await page.getByRole('menuitem', { name: /办件查询/ }).click();
  await scan(page, caseNumber);
  await page.getByTestId('case-actions').getByRole('button', { name: '部门决定' }).click();
  const dialog = page.getByTestId('dialog-decide');
  await dialog.getByText(decision, { exact: true }).click();
  if (decision === '不予许可') await dialog.getByLabel('审查意见').fill('经审查，项目选址不符合国土空间规划确定的用途，不予许可。');
  await dialog.getByRole('button', { name: /作出决定/ }).click();
  await expect(page.getByTestId('case-status')).toHaveText('已决定');
  await logout(page);
  await login(page, CLERK);
  await page.getByRole('menuitem', { name: /办件查询/ }).click();
  await scan(page, caseNumber);
  await page.getByTestId('leader-sign').click();
  const modal = page.getByTestId('signing-modal');
  await modal.getByLabel('领导用户名').fill(staff.leader.username);
  await modal.getByLabel('领导密码').fill(staff.leader.password);
  await modal.getByLabel('领导密码').press('Enter');
  await expect(modal).toContainText(staff.leader.displayName);
  await modal.getByTestId('seen-0').check();
  await modal.getByTestId('sign-now').click();
  await expect(modal.getByTestId('signing-done')).toBeVisible();
  await modal.getByRole('button', { name: '完成' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('已签发');
  await page.getByTestId('case-actions').getByRole('button', { name: '出件' }).click();
  await page
    .getByTestId('dialog-issue')
    .getByRole('button', { name: /确认出件/ })
    .click();
  // 出件 produces the decision at once: its preview opens by itself.
  return previewAndPrint(page, null, name);
}

// One clerk's morning, in order: each step is its own test on the same host and the same window,
// so a slow machine costs one step's budget, not the whole walk; a failed step skips the rest.
test.describe.serial('every document at its moment, previewed and printed from the screen', () => {
  let page: Page;
  let visit: Accepted[] = [];
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await page.goto(host.launchUrl);
    await login(page, CLERK);
  });
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook uses from this pattern: none here
  test.afterEach(async ({}, info) => {
    if (info.status !== info.expectedStatus) await page.screenshot({ path: info.outputPath('failed.png'), fullPage: true });
  });
  test.afterAll(async () => {
    await page.close();
  });

  test('a required material is missing: the 一次性告知书 is printed at the counter', async () => {
    test.setTimeout(STEP_TIMEOUT);
    await openForm(page, PROJECT_CODE, 1, { fresh: true });
    await typeField(page, 'project.name', PROJECT);
    await typeField(page, 'agent.name', AGENT);
    await fillEmptyFields(page);
    await page.getByTestId('to-materials').click();
    await collectExcept(page, ['topographic-map']);
    // Counts are recorded per material: the clerk says 2 originals were shown for the licence.
    await page.locator('[data-testid="count-originals-business-licence"]').locator('xpath=descendant-or-self::input').fill('2');
    await expect(page.locator('[data-testid="count-pages-business-licence"]').locator('xpath=descendant-or-self::input')).toHaveValue('2');
    await page.screenshot({ path: join(shots, '01-materials-counts.png'), fullPage: true });
    await page.getByTestId('to-review').click();
    await expect(page.getByText(/须收齐后才能受理/)).toBeVisible();
    await page.getByTestId('pre-notify').click();
    const dialog = page.getByTestId('dialog-pre-notify');
    await expect(dialog.locator('[data-testid="pre-pick-topographic-map"]').locator('xpath=descendant-or-self::input')).toBeChecked();
    await page.screenshot({ path: join(shots, '02-one-time-notice-dialog.png') });
    await dialog.getByRole('button', { name: /记录并出具一次性告知书/ }).click();
    const paper = await previewAndPrint(page, null, '03-one-time-notice');
    expect(paper.text).toContain('一次性告知书');
    expect(paper.text).toContain('地形图');
    expect(paper.text).toContain(PROJECT);
    expect(paper.text).toContain(AGENT);
    expect(paper.codes.some((c) => c.startsWith('CODE-128:'))).toBe(true);
  });

  test('the applicant returns: the record finds the draft; full acceptance of the two items gives one notice and the receipt', async () => {
    test.setTimeout(STEP_TIMEOUT);
    await page.getByRole('menuitem', { name: /受理/ }).click();
    await page.keyboard.press('F4');
    await page.getByPlaceholder(/^项目代码/).fill(PROJECT);
    await page.keyboard.press('Enter');
    const matches = page.getByTestId('pre-acceptance-matches');
    await expect(matches).toContainText('一次性告知');
    await page.screenshot({ path: join(shots, '04-returning-applicant.png') });
    await matches.getByRole('button', { name: '继续受理' }).click();
    await page.getByRole('button', { name: '上一步' }).first().click();
    await collectExcept(page, []);
    await page.getByTestId('to-review').click();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText('受理成功')).toBeVisible();
    visit = await acceptedCases(page);
    expect(visit).toHaveLength(2);
    const visitNumbers = visit.map((c) => c.number);
    const notice = await previewAndPrint(page, 'print-notice', '05-acceptance-notice');
    expect(notice.text).toContain('受理通知书');
    for (const n of visitNumbers) expect(notice.text).toContain(n);
    expect(notice.text).toContain(PROJECT);
    expect(notice.text).toContain(AGENT);
    expect(notice.text).toContain(flat('杭州市滨江区江南大道1号'));
    const barcodes = notice.codes.filter((c) => c.startsWith('CODE-128:')).map((c) => c.slice('CODE-128:'.length));
    for (const n of visitNumbers) expect(barcodes).toContain(n);
    expect(notice.codes.some((c) => c.startsWith('QR-Code:'))).toBe(true);
    const receipt = await previewAndPrint(page, 'print-receipt', '06-material-receipt');
    expect(receipt.text).toContain('材料接收凭证');
    expect(receipt.text).toContain('地形图');
  });

  test('a denial: decision, signing and 出件 give the 不予许可决定书', async () => {
    test.setTimeout(STEP_TIMEOUT);
    const paper = await decideSignIssue(page, visit[0]!, '不予许可', '07-denial-decision');
    expect(paper.text).toContain('不予');
    expect(paper.text).toContain(visit[0]!.number);
    expect(paper.text).toContain('行政复议');
    expect(paper.codes.some((c) => c.startsWith('QR-Code:'))).toBe(true);
  });

  test('an approval: the 准予许可决定书 and the licence', async () => {
    test.setTimeout(STEP_TIMEOUT);
    const decision = await decideSignIssue(page, visit[1]!, '准予许可', '08-approval-decision');
    expect(decision.text).toContain('准予');
    expect(decision.text).toContain(PROJECT);
    const licence = page.getByTestId('case-documents').locator('[data-testid="doc-licence"], [data-testid="doc-construction-permit"]');
    await expect(licence).toBeEnabled();
    await licence.click();
    const paper = await previewAndPrint(page, null, '09-licence');
    expect(paper.text).toContain(PROJECT);
    expect(paper.codes.some((c) => c.startsWith('QR-Code:'))).toBe(true);
    await page.screenshot({ path: join(shots, '10-case-page-documents.png'), fullPage: true });
  });

  test('the clerk corrects the applicant data with a reason and reprints the notice', async () => {
    test.setTimeout(STEP_TIMEOUT);
    await page.getByTestId('correct-parties').click();
    const dialog = page.getByTestId('dialog-correct-parties');
    // The notice names the agent as 联系人 with the agent's phone: that is the number corrected.
    await dialog.getByLabel('代理人电话').fill('13900001111');
    // The reason is picked from the suggestions, as a clerk does: the list closes on the pick.
    // (Typing the whole reason leaves the list open over 保存更正: a click there never lands.)
    const reason = dialog.getByLabel('更正原因');
    await reason.fill('受理时');
    const suggestions = page.locator('.ant-select-dropdown:visible');
    await suggestions.locator('.ant-select-item-option', { hasText: '受理时录入错误' }).click();
    await expect(reason).toHaveValue('受理时录入错误');
    await expect(suggestions).toHaveCount(0);
    await dialog.getByRole('button', { name: /保存更正/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('case-history')).toContainText('更正申请人信息');
    await expect(page.getByTestId('case-history')).toContainText('13900001111');
    const notice = page.getByTestId('case-documents').getByRole('button', { name: /受理通知书/ });
    await notice.click();
    const paper = await previewAndPrint(page, null, '11-reprinted-notice', { reason: '更正申请人信息后重新出具' });
    expect(paper.text).toContain('13900001111');
    await expect(page.getByTestId('case-history')).toContainText('重新打印');
  });

  test('容缺 acceptance: the 容缺受理通知书 with the 承诺书, never the ordinary notice', async () => {
    test.setTimeout(STEP_TIMEOUT);
    await openForm(page, SECOND_PROJECT, 3, { fresh: true });
    await typeField(page, 'project.code', SECOND_PROJECT);
    await fillEmptyFields(page);
    await page.getByTestId('to-materials').click();
    await collectExcept(page, ['construction-organisation-design']);
    await page.getByTestId('to-review').click();
    await page.getByTestId('accept-deficiency').click();
    await expect(page.getByText('已容缺受理')).toBeVisible();
    const [accepted] = await acceptedCases(page);
    await expect(page.getByTestId('print-notice')).toHaveText(/容缺受理通知书/);
    const paper = await previewAndPrint(page, 'print-notice', '12-deficiency-notice');
    expect(paper.text).toContain('容缺受理通知书');
    expect(paper.text).toContain('承诺书');
    expect(paper.text).toContain('施工组织设计');
    expect(paper.text).not.toContain('材料齐全');
    expect(paper.text).toContain(accepted!.number);
    expect(paper.codes.some((c) => c.startsWith('CODE-128:'))).toBe(true);
  });

  test('a rejection at the counter: the 不予受理决定书', async () => {
    test.setTimeout(STEP_TIMEOUT);
    await openForm(page, THIRD_PROJECT, 1, { fresh: true });
    await typeField(page, 'project.code', THIRD_PROJECT);
    await fillEmptyFields(page);
    await page.getByTestId('to-materials').click();
    await page.getByTestId('to-review').click();
    await page.getByTestId('pre-reject').click();
    const dialog = page.getByTestId('dialog-pre-reject');
    await dialog.getByLabel('不予受理理由').fill('申请事项属于省级发展改革部门核准权限，不属于本机关职权范围。');
    await dialog.getByRole('button', { name: /出具不予受理决定书/ }).click();
    const paper = await previewAndPrint(page, null, '13-rejection');
    expect(paper.text).toContain('不予受理');
    expect(paper.text).toContain(flat('不属于本机关职权范围'));
    expect(paper.text).toContain('行政复议');
  });
});
