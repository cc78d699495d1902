import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallHello } from '../../shared/protocol';
import { ENGINES, acceptCase, enrolWindow, startTestHall, type TestHall } from './helpers';

/** The hall admin page over real HTTP: login, codes, roles, revocation, board, statistics export. */
describe.each(ENGINES)('hall admin page on $name', (engine) => {
  let h: TestHall;
  let cookie = '';
  beforeAll(async () => {
    h = await startTestHall(engine);
  });
  afterAll(async () => h.close());

  const post = (path: string, form: Record<string, string>): Promise<Response> =>
    fetch(`${h.hall.url}${path}`, { method: 'POST', body: new URLSearchParams(form), headers: { cookie }, redirect: 'manual' });

  it('refuses a wrong password and lets the printed one in', async () => {
    expect((await fetch(`${h.hall.url}/admin`, { redirect: 'manual' })).headers.get('location')).toBe('/admin/login');
    const wrong = await fetch(`${h.hall.url}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ password: 'nope' }),
      redirect: 'manual',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('密码不正确');
    const ok = await fetch(`${h.hall.url}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ password: h.hall.admin.firstPassword ?? '' }),
      redirect: 'manual',
    });
    expect(ok.status).toBe(303);
    cookie = ok.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^hall_admin=/);
  });

  it('refuses a back office without department, issues a code, shows the window, re-assigns and revokes it', async () => {
    const bad = await post('/admin/codes', { windowName: '后台', role: 'back-office', department: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('部门');
    const page = await (await post('/admin/codes', { windowName: '5号窗口', role: 'counter', department: '' })).text();
    expect(page).toMatch(/id="enrolment-code">[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}</);
    const w = await enrolWindow(h, { windowName: '6号窗口', role: 'counter', department: null });
    await w.client.pushEvents(acceptCase(w.journal, { projectCode: 'P-ADMIN', department: '住建局', caseNumber: 'TH-ADMIN-1' }).events);
    const dashboard = await (await fetch(`${h.hall.url}/admin`, { headers: { cookie } })).text();
    expect(dashboard).toContain('6号窗口');
    expect(dashboard).toContain('TH-ADMIN-1');
    expect(dashboard).not.toContain('张'); // no applicant names on the board
    expect((await post('/admin/windows/assign', { id: w.id, windowName: '6号窗口', role: 'issuing', department: '' })).status).toBe(303);
    expect(await w.client.call('GET', '/v1/hello', hallHello)).toMatchObject({ role: 'issuing', windowName: '6号窗口' });
    expect((await post('/admin/windows/revoke', { id: w.id })).status).toBe(303);
    expect(await w.client.hello().catch((e: unknown) => e)).toMatchObject({ code: 'REVOKED' });
  });

  it("offers only the catalog's departments for a back office and refuses any other", async () => {
    const dashboard = await (await fetch(`${h.hall.url}/admin`, { headers: { cookie } })).text();
    // resources/catalog/default.json, the file the workstations accept cases from.
    expect(dashboard).toContain('<option value="市自然资源和规划局">市自然资源和规划局</option>');
    expect(dashboard).toContain('<option value="市住房和城乡建设局">市住房和城乡建设局</option>');
    expect(dashboard).not.toContain('name="department" maxlength');
    const typo = await post('/admin/codes', { windowName: '规划后台', role: 'back-office', department: '自然资源局' });
    expect(typo.status).toBe(400);
    expect(await typo.text()).toContain('不是事项目录中的部门');
    const good = await post('/admin/codes', { windowName: '规划后台', role: 'back-office', department: '市自然资源和规划局' });
    expect(good.status).toBe(200);
    const w = await enrolWindow(h, { windowName: '9号窗口', role: 'counter', department: null });
    const moved = await post('/admin/windows/assign', { id: w.id, windowName: '住建后台', role: 'back-office', department: '住建局' });
    expect(moved.status).toBe(400);
    const [row] = await h.hall.sql.query<{ role: string; department: string | null }>(
      'SELECT role, department FROM workstations WHERE id = $1',
      [w.id],
    );
    expect(row).toEqual({ role: 'counter', department: null });
    expect(
      (await post('/admin/windows/assign', { id: w.id, windowName: '住建后台', role: 'back-office', department: '市住房和城乡建设局' }))
        .status,
    ).toBe(303);
    expect(await w.client.call('GET', '/v1/hello', hallHello)).toMatchObject({ role: 'back-office', department: '市住房和城乡建设局' });
  });

  it('hands a case over by the case number on the notice, showing the case before confirming', async () => {
    const a = await enrolWindow(h, { windowName: '7号窗口', role: 'counter', department: null });
    const b = await enrolWindow(h, { windowName: '8号窗口', role: 'counter', department: null });
    await a.client.pushEvents(acceptCase(a.journal, { projectCode: 'P-HAND', department: '住建局', caseNumber: 'TH-HAND-8' }).events);
    const unknown = await fetch(`${h.hall.url}/admin/handover?caseNumber=TH-NOPE-1`, { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('受理通知书上的办件编号');
    // The dashboard asks for the case number, not the internal id.
    const dashboard = await (await fetch(`${h.hall.url}/admin`, { headers: { cookie } })).text();
    expect(dashboard).toContain('name="caseNumber"');
    expect(dashboard).not.toContain('name="caseId"');
    // Typed from paper: lower case, full-width dash, a space.
    const confirm = await fetch(`${h.hall.url}/admin/handover?caseNumber=${encodeURIComponent('th－hand-8 ')}`, { headers: { cookie } });
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('TH-HAND-8');
    expect(html).toContain('建设工程规划许可证核发');
    expect(html).toContain('住建局');
    expect(html).toMatch(/id="handover-holder">7号窗口</);
    const id = /name="caseId" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(html).toContain(`<option value="${b.id}">8号窗口</option>`);
    expect(html).not.toContain(`<option value="${a.id}">`); // the holder is no target
    const done = await post('/admin/handover', { caseId: id, caseNumber: 'TH-HAND-8', to: b.id, note: '申请人改到8号窗口' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('已移交给 8号窗口');
    const [row] = await h.hall.sql.query<{ holder: string }>('SELECT holder FROM hall_cases WHERE case_number = $1', ['TH-HAND-8']);
    expect(row?.holder).toBe(b.id);
    const after = await (await fetch(`${h.hall.url}/admin/handover?caseNumber=TH-HAND-8`, { headers: { cookie } })).text();
    expect(after).toMatch(/id="handover-holder">8号窗口</);
  });

  it('refuses a form posted from another origin', async () => {
    const res = await fetch(`${h.hall.url}/admin/windows/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ id: 'x' }),
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('exports statistics as an .xlsx that unzip reads, with the department row', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await fetch(`${h.hall.url}/admin/statistics.xlsx?from=${today.slice(0, 8)}01&to=${today}&by=department`, {
      headers: { cookie },
    });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const dir = mkdtempSync(join(tmpdir(), 'hall-xlsx-'));
    const file = join(dir, 'stats.xlsx');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    execFileSync('unzip', ['-tq', file]);
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
    expect(sheet).toContain('按时办结率');
    expect(sheet).toContain('住建局');
  });
});
