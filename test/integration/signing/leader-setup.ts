import { expect } from 'vitest';
import type { TestHost } from '../../helpers/workstation';
import { ADMIN, setupAdminAndLogin } from '../../helpers/workstation';

export const LEADER = {
  username: 'li.juzhang',
  displayName: '李局长',
  password: 'leader-pass-1',
  role: 'leader',
  department: '市住房和城乡建设局',
};
export const CLERK = { username: 'zhang.chuang', displayName: '张窗口', password: 'clerk-pass-1', role: 'clerk', department: null };
/** A valid test ID number (check digit correct), not a real person's. */
export const LEADER_ID = '11010519491231002X';
export const LEADER_PIN = '284619';

export async function ok<T>(t: TestHost, method: string, input: unknown): Promise<T> {
  const r = await t.rpc(method, input);
  expect(r.body.error, `${method}: ${JSON.stringify(r.body.error)}`).toBeUndefined();
  return r.body.result as T;
}

export async function fails(t: TestHost, method: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await t.rpc(method, input);
  expect(r.body.ok, `${method} should fail`).toBe(false);
  expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
  return r.body.error!;
}

/** Admin creates a leader and a clerk, provisions the leader's key, then the clerk logs in. */
export async function leaderAndClerk(t: TestHost, opts: { withPin?: boolean } = {}): Promise<{ leaderId: string; clerkId: string }> {
  await setupAdminAndLogin(t);
  const leader = await ok<{ id: string }>(t, 'session.createUser', LEADER);
  const clerk = await ok<{ id: string }>(t, 'session.createUser', CLERK);
  await ok(t, 'signing.provisionKey', {
    userId: leader.id,
    credential: LEADER.password,
    ...(opts.withPin ? { idNumber: LEADER_ID, pin: LEADER_PIN } : {}),
  });
  await ok(t, 'session.logout', {});
  await ok(t, 'session.login', { username: CLERK.username, password: CLERK.password });
  return { leaderId: leader.id, clerkId: clerk.id };
}

export { ADMIN };
