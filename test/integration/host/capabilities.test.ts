import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintLaunchCode } from '../../../electron/launch-code';
import { ADMIN, setupAdminAndLogin, startTestHost, type TestHost } from '../../helpers/workstation';

let t: TestHost;
beforeEach(async () => {
  t = await startTestHost();
});
afterEach(async () => {
  await t.close();
});

const FULL_ID = '11010519491231002X';

async function open(url: string): Promise<{ status: number; cookie: string; location: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, location: res.headers.get('location') };
}

/** Reads a server-sent event stream until `until` appears in it (bounded by the test timeout). */
async function readStream(url: string, cookie: string, until: string, act: () => void): Promise<string> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { Cookie: cookie }, signal: ctrl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  await reader.read(); // ": connected"
  act();
  let text = '';
  while (!text.includes(until)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  ctrl.abort();
  return text;
}

describe('launch links carry one-time codes, never the token (issue 10, fault 7)', () => {
  it('swaps a code once for the cookie; a used, expired or forged code opens nothing', async () => {
    const link = t.host.launchUrl;
    expect(link).not.toContain(t.host.token);
    const first = await open(link);
    expect(first.status).toBe(303);
    expect(first.location).toBe('/');
    expect(first.cookie).toBe(`ow_token=${t.host.token}`);
    expect((await fetch(`${t.host.url}rpc/system.info`, { method: 'POST', headers: { Cookie: first.cookie }, body: '{}' })).status).toBe(
      200,
    );

    const again = await open(link);
    expect(again.status).toBe(401);
    expect(again.cookie).toBe('');
    // Whoever opened it sees a page saying what to do, not JSON.
    const page = await fetch(link, { redirect: 'manual' });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/此链接已失效.*重新启动一窗通/s);
    const expired = await open(`${t.host.url}?c=${mintLaunchCode(t.host.token, 'clerk', Date.now() - 3 * 60_000)}`);
    expect(expired.status).toBe(401);
    const forged = await open(`${t.host.url}?c=${mintLaunchCode('someone-elses-secret', 'clerk', Date.now())}`);
    expect(forged.status).toBe(401);
    // The old way in is closed: the token in a URL is not accepted any more.
    expect((await open(`${t.host.url}?t=${t.host.token}`)).status).toBe(401);
  });
});

describe('the applicant display has its own capability', () => {
  it('calls only the display methods, whoever is logged in at the counter', async () => {
    await setupAdminAndLogin(t);
    const link = t.host.displayUrl;
    expect(link).not.toContain(t.host.token);
    const { status, cookie, location } = await open(link);
    expect(status).toBe(303);
    expect(location).toBe('/display');
    expect(cookie).toMatch(/^ow_display=/);
    expect(cookie).not.toContain(t.host.token);
    const post = (path: string) =>
      fetch(`${t.host.url}${path}`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });

    const list = await post('rpc/cases.list');
    expect(list.status).toBe(403);
    expect(((await list.json()) as { error: { message: string } }).error.message).toMatch(/申请人屏幕/);
    expect((await post('display/rpc/cases.list')).status).toBe(403);
    expect((await post('display/rpc/session.listUsers')).status).toBe(403);
    expect((await fetch(`${t.host.url}events`, { headers: { Cookie: cookie } })).status).toBe(403);

    const info = await post('display/rpc/system.info');
    expect(info.status).toBe(200);
    const body = (await info.json()) as { result: { dataDir: string; time: string } };
    expect(body.result.dataDir).toBe('');
    expect(body.result.time).toMatch(/^\d{4}-/);
    expect((await post('display/rpc/ratings.pending')).status).toBe(200);
    // The display page is served to it.
    expect((await fetch(`${t.host.url}display`, { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('hears display updates but never a card read with the full ID number', async () => {
    const { cookie } = await open(t.host.displayUrl);
    const text = await readStream(`${t.host.url}display/events`, cookie, 'event: display.clear', () => {
      t.ws.bus.emit('idcard.read', { name: '张𠮷', idNumber: FULL_ID } as never);
      t.ws.bus.emit('cases.changed', { caseIds: ['c-1'] });
      t.ws.bus.emit('display.update', {
        applicantName: '张*',
        projectName: null,
        stage: null,
        stageName: null,
        items: [],
        step: 'materials',
        progress: { done: 1, of: 4 },
        checklist: [],
        caseNumbers: [],
      } as never);
      t.ws.bus.emit('display.clear', {});
    });
    expect(text).toContain('event: display.update');
    expect(text).toContain('张*');
    expect(text).not.toContain('idcard.read');
    expect(text).not.toContain(FULL_ID);
    expect(text).not.toContain('cases.changed');
    // The clerk's stream gets the card as before.
    const clerk = await readStream(`${t.host.url}events`, `ow_token=${t.host.token}`, FULL_ID, () =>
      t.ws.bus.emit('idcard.read', { name: '张𠮷', idNumber: FULL_ID } as never),
    );
    expect(clerk).toContain('event: idcard.read');
  });
});

describe('malformed requests', () => {
  it('answers an /rpc/ path that is not valid percent-encoding with 400, not 500', async () => {
    for (const path of ['rpc/%E0%A4%A', 'display/rpc/%E0%A4%A', 'rpc/%']) {
      const res = await fetch(`${t.host.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${t.host.token}` }, body: '{}' });
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('unlocking the screen', () => {
  it('has the same limit of ten wrong passwords as login, then signs the clerk out', async () => {
    const now = Date.parse('2026-11-20T09:00:00+08:00');
    await t.close();
    t = await startTestHost({ now: () => new Date(now) });
    await setupAdminAndLogin(t);
    expect((await t.rpc('session.lock', {})).body.ok).toBe(true);
    for (let i = 1; i < 10; i++) {
      const r = await t.rpc('session.unlock', { password: `guess-${i}-wrong` });
      expect(r.body.error?.code, `attempt ${i}`).toBe('UNAUTHENTICATED');
    }
    const tenth = await t.rpc('session.unlock', { password: 'guess-10-wrong' });
    expect(tenth.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(tenth.body.error?.message).toMatch(/锁定.*管理员/);
    // Signed out, and the right password no longer opens the screen or the account.
    expect((await t.rpc('session.state', {})).body.result).toMatchObject({ user: null });
    expect((await t.rpc('session.unlock', { password: ADMIN.password })).body.error?.code).toBe('UNAUTHENTICATED');
    expect((await t.rpc('session.login', { username: ADMIN.username, password: ADMIN.password })).body.error?.code).toBe('FORBIDDEN');
  });
});
