import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api';
import { ADMIN, setupAdminAndLogin, startTestHost, type TestHost } from '../../helpers/workstation';

let t: TestHost;
beforeEach(async () => {
  t = await startTestHost();
});
afterEach(async () => {
  await t.close();
});

describe('browser host transport', () => {
  it('answers every contract method given malformed input with a validation error in Chinese', async () => {
    await setupAdminAndLogin(t);
    const methods = Object.keys(contract);
    expect(methods.length).toBeGreaterThan(10);
    for (const method of methods) {
      for (const bad of [42, 'text', [1, 2], { unexpected: { deep: [1] } }]) {
        const r = await t.rpc(method, bad);
        expect(r.status, `${method} with ${JSON.stringify(bad)}`).toBe(400);
        expect(r.body.ok).toBe(false);
        expect(r.body.error?.code, method).toBe('VALIDATION');
        expect(r.body.error?.message, method).toMatch(/[\u4e00-\u9fff]/);
        // A clerk reads the message: no field path (window.phone), no library's English default.
        expect(r.body.error?.message, method).not.toMatch(/\b[a-z]+\.[a-z][A-Za-z]+\b|Invalid input|Expected /);
      }
    }
  });

  it('names a refused setting in Chinese, with the field path only in the details for the form', async () => {
    await setupAdminAndLogin(t);
    const view = (await t.rpc('settings.get', {})).body.result as Record<string, unknown> & { window: Record<string, unknown> };
    const r = await t.rpc('settings.update', { ...view, window: { ...view.window, phone: '电话12' } });
    expect(r.body.error?.message).toBe('输入有误：咨询电话应为带区号的固定电话、手机号或 12345');
    expect((r.body.error as { details?: { path: string }[] } | undefined)?.details?.[0]?.path).toBe('window.phone');
  });

  it('refuses requests without the token, from another origin or host name', async () => {
    const noToken = await fetch(`${t.host.url}rpc/system.info`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const wrongToken = await t.rpc('system.info', {}, { headers: { Authorization: 'Bearer nope' } });
    expect(wrongToken.status).toBe(401);
    const evilOrigin = await t.rpc('system.info', {}, { headers: { Origin: 'https://evil.example' } });
    expect(evilOrigin.status).toBe(403);
    const ownOrigin = await t.rpc('system.info', {}, { headers: { Origin: t.host.url.replace(/\/$/, '') } });
    expect(ownOrigin.status).toBe(200);
    // fetch() will not send a foreign Host header; a DNS-rebinding page would.
    const rebindingStatus = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: t.host.port,
          path: '/rpc/system.info',
          method: 'POST',
          headers: { Authorization: `Bearer ${t.host.token}`, Host: 'evil.example' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebindingStatus).toBe(421);
    const sse = await fetch(`${t.host.url}events`);
    expect(sse.status).toBe(401);
  });

  it('swaps the launch token for an HttpOnly SameSite cookie', async () => {
    const res = await fetch(t.host.launchUrl, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(t.host.url, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const bad = await fetch(`${t.host.url}?t=wrong`, { redirect: 'manual' });
    expect(bad.status).toBe(401);
  });

  it('refuses path traversal, non-JSON bodies, unknown methods and oversized uploads', async () => {
    const auth = { Authorization: `Bearer ${t.host.token}` };
    const traversal = await fetch(`${t.host.url}..%2f..%2f..%2fetc%2fpasswd`, { headers: auth });
    expect(traversal.status).toBe(403);
    const notJson = await t.rpc('system.info', undefined, { rawBody: '{not json' });
    expect(notJson.body.error?.code).toBe('VALIDATION');
    const unknown = await t.rpc('system.format-disk', {});
    expect(unknown.body.error?.code).toBe('NOT_FOUND');
    const huge = await fetch(`${t.host.url}rpc/system.info`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(65 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('TOO_LARGE');
  });

  it('pushes events over server-sent events', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${t.host.url}events`, { headers: { Authorization: `Bearer ${t.host.token}` }, signal: ctrl.signal });
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await t.rpc('session.setupAdmin', ADMIN);
    await t.rpc('session.login', { username: ADMIN.username, password: ADMIN.password });
    let text = '';
    while (!text.includes('event: session.changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"username":"admin"');
    ctrl.abort();
  });
});

describe('session and roles on the Node side', () => {
  it('creates the administrator only once, then requires login', async () => {
    expect((await t.rpc('system.info', {})).body.result).toMatchObject({ needsSetup: true, hostKind: 'browser-host', mode: 'training' });
    expect((await t.rpc('session.setupAdmin', ADMIN)).body.ok).toBe(true);
    expect((await t.rpc('session.setupAdmin', { ...ADMIN, username: 'second' })).body.error?.code).toBe('CONFLICT');
    expect((await t.rpc('cases.list', {})).body.error?.code).toBe('UNAUTHENTICATED');
    expect((await t.rpc('session.login', { username: 'admin', password: 'wrong-pass' })).body.error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: '用户名或密码不正确，请重新输入',
    });
  });

  it('enforces roles whatever the UI shows', async () => {
    await setupAdminAndLogin(t);
    expect(
      (await t.rpc('session.createUser', { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk' })).body.ok,
    ).toBe(true);
    await t.rpc('session.logout', {});
    await t.rpc('session.login', { username: 'clerk1', password: 'clerk-pass-1' });
    expect((await t.rpc('cases.list', {})).body.ok).toBe(true);
    const forbidden = await t.rpc('settings.update', {});
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error?.code).toBe('FORBIDDEN');
    expect((await t.rpc('session.listUsers', {})).body.error?.code).toBe('FORBIDDEN');
  });

  it('locks after the idle time and unlocks with the password', async () => {
    let now = Date.parse('2026-11-20T09:00:00+08:00');
    await t.close();
    t = await startTestHost({ now: () => new Date(now) });
    await setupAdminAndLogin(t);
    expect((await t.rpc('cases.list', {})).body.ok).toBe(true);
    now += 11 * 60_000; // default idle lock: 10 minutes
    const locked = await t.rpc('cases.list', {});
    expect(locked.body.error?.code).toBe('LOCKED');
    expect((await t.rpc('session.state', {})).body.result).toMatchObject({ locked: true });
    expect((await t.rpc('session.unlock', { password: 'wrong-pass' })).body.error?.code).toBe('UNAUTHENTICATED');
    expect((await t.rpc('session.unlock', { password: ADMIN.password })).body.ok).toBe(true);
    expect((await t.rpc('cases.list', {})).body.ok).toBe(true);
  });

  it('validates and persists settings, keeping the platform secret on the Node side', async () => {
    await setupAdminAndLogin(t);
    const current = (await t.rpc('settings.get', {})).body.result as Record<string, unknown>;
    const bad = await t.rpc('settings.update', { ...current, platform: {}, idleLockMinutes: 0, devices: { idcard: { driver: 'serial' } } });
    expect(bad.body.error?.code).toBe('VALIDATION');
    const good = await t.rpc('settings.update', {
      mode: 'training',
      window: { number: '12', name: '综合受理窗口' },
      platform: { url: 'http://127.0.0.1:9', workstationId: 'w12', secret: 'a-very-secret-value' },
    });
    expect(good.body.ok).toBe(true);
    const view = (await t.rpc('settings.get', {})).body.result as { window: { number: string }; platform: Record<string, unknown> };
    expect(view.window.number).toBe('12');
    expect(view.platform).toEqual({ url: 'http://127.0.0.1:9', workstationId: 'w12', hasSecret: true });
    expect(JSON.stringify(view)).not.toContain('a-very-secret-value');
  });
});
