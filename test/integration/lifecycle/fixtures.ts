import { AppError } from '../../../shared/api/errors';
import { acceptStageApplication } from '../../../electron/cases';
import { ADMIN, setupAdminAndLogin, startTestHost, type TestHost, type TestHostOptions } from '../../helpers/workstation';

export const USERS = {
  clerk: { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk' },
  // Reviewers and leaders act only on their department's cases: one pair per item's department.
  reviewer: { username: 'review1', displayName: '赵审核', password: 'review-pass-1', role: 'reviewer', department: '市住房和城乡建设局' },
  leader: { username: 'leader1', displayName: '钱局长', password: 'leader-pass-1', role: 'leader', department: '市住房和城乡建设局' },
  planReviewer: {
    username: 'review2',
    displayName: '孙审核',
    password: 'review-pass-2',
    role: 'reviewer',
    department: '市自然资源和规划局',
  },
  planLeader: { username: 'leader2', displayName: '周局长', password: 'leader-pass-2', role: 'leader', department: '市自然资源和规划局' },
} as const;
export type Who = keyof typeof USERS | 'admin';

/** 2026-03-02 is a Monday in an ordinary week (DOMAIN.md section 9). */
export const START = '2026-03-02T09:00:00+08:00';

export interface LifecycleHost extends TestHost {
  /** Calls as this user (logs in first); returns the body. */
  as(who: Who, method: string, input: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
  /** Moves the workstation clock by whole days (and re-authenticates after the idle lock). */
  advanceDays(days: number): void;
  ok<T>(who: Who, method: string, input: unknown): Promise<T>;
  /**
   * Accepts with resolved items and materials, as the lifecycle sees it. The contract's one way to
   * accept is acceptance.submit (catalog-resolved); these tests use invented items, so they call
   * the lifecycle function directly as the clerk. Errors come back as the transport would send them.
   */
  accept(input: unknown): { ok: boolean; result?: unknown; error?: { code: string; message: string } };
  accepted<T>(input: unknown): T;
  /** Signs decided cases for real: the leader's key (provisioned on first use), step-up at the window, SM2 signature. */
  signed(caseIds: string[], leader?: 'leader' | 'planLeader'): Promise<void>;
  /** Approves and signs a case as its own department's reviewer and leader (made on first use), as the hall would. */
  approveInDepartment(caseId: string): Promise<void>;
}

export async function startLifecycleHost(start = START, opts: Pick<TestHostOptions, 'workstation'> = {}): Promise<LifecycleHost> {
  let now = Date.parse(start);
  const t = await startTestHost({ ...opts, now: () => new Date(now) });
  await setupAdminAndLogin(t);
  for (const u of Object.values(USERS)) {
    const r = await t.rpc('session.createUser', u);
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  }
  let current: string = 'admin';
  const keyProvisioned = new Set<string>();
  const staffOf = new Map<string, { reviewer: { username: string; password: string }; leader: { username: string; password: string } }>();
  const login = async (who: Who | { username: string; password: string }) => {
    const creds = typeof who === 'object' ? who : who === 'admin' ? ADMIN : USERS[who];
    await t.rpc('session.logout', {});
    const r = await t.rpc('session.login', { username: creds.username, password: creds.password });
    if (!r.body.ok) throw new Error('login failed ' + JSON.stringify(r.body));
    current = creds.username === ADMIN.username ? 'admin' : typeof who === 'object' ? who.username : who;
  };
  const clerk = t.ws.users.byUsername(USERS.clerk.username);
  if (!clerk) throw new Error('clerk missing');
  const accept: LifecycleHost['accept'] = (input) => {
    try {
      return { ok: true, result: acceptStageApplication(t.ws, input, { id: clerk.id, displayName: clerk.displayName, role: 'clerk' }) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
      throw error;
    }
  };
  const host: LifecycleHost = {
    ...t,
    accept,
    accepted<T>(input: unknown): T {
      const body = accept(input);
      if (!body.ok) throw new Error(`accept failed: ${JSON.stringify(body.error)}`);
      return body.result as T;
    },
    async as(who, method, input) {
      if (who !== current) await login(who);
      let r = await t.rpc(method, input);
      if (r.body.error?.code === 'LOCKED' || r.body.error?.code === 'UNAUTHENTICATED') {
        await login(who);
        r = await t.rpc(method, input);
      }
      return r.body;
    },
    advanceDays(days) {
      now += days * 86_400_000;
    },
    async ok<T>(who: Who, method: string, input: unknown): Promise<T> {
      const body = await host.as(who, method, input);
      if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
      return body.result as T;
    },
    async signed(caseIds, who = 'leader') {
      const creds = USERS[who];
      if (!keyProvisioned.has(who)) {
        const leader = t.ws.users.byUsername(creds.username)!;
        await host.ok('admin', 'signing.provisionKey', { userId: leader.id, credential: creds.password });
        keyProvisioned.add(who);
      }
      const { ticket } = await host.ok<{ ticket: string }>('clerk', 'signing.authenticate', {
        username: creds.username,
        password: creds.password,
      });
      await host.ok('clerk', 'cases.signAtWindow', { ticket, caseIds, confirmedEach: true });
    },
    async approveInDepartment(caseId) {
      const { department } = await host.ok<{ department: string }>('clerk', 'cases.get', { id: caseId });
      let staff = staffOf.get(department);
      if (!staff) {
        const n = staffOf.size + 1;
        staff = {
          reviewer: { username: `dept-review${n}`, password: `dept-review-pass-${n}` },
          leader: { username: `dept-leader${n}`, password: `dept-leader-pass-${n}` },
        };
        await host.ok('admin', 'session.createUser', { ...staff.reviewer, displayName: `审核${n}`, role: 'reviewer', department });
        const leader = await host.ok<{ id: string }>('admin', 'session.createUser', {
          ...staff.leader,
          displayName: `局长${n}`,
          role: 'leader',
          department,
        });
        await host.ok('admin', 'signing.provisionKey', { userId: leader.id, credential: staff.leader.password });
        staffOf.set(department, staff);
      }
      await login(staff.reviewer);
      const decided = await t.rpc('cases.decide', { caseId, decision: 'approve', opinion: '材料齐全，符合条件，同意' });
      if (!decided.body.ok) throw new Error(`cases.decide failed: ${JSON.stringify(decided.body.error)}`);
      const { ticket } = await host.ok<{ ticket: string }>('clerk', 'signing.authenticate', staff.leader);
      await host.ok('clerk', 'cases.signAtWindow', { ticket, caseIds: [caseId], confirmedEach: true });
    },
  };
  return host;
}

export const PROJECT = {
  code: '2026-330106-47-01-123456',
  name: '西湖区文三路综合楼项目',
  type: '房屋建筑',
  landSource: '出让',
  builderName: '杭州某某置业有限公司',
  builderUscc: '91350100M000100Y43',
  data: { investment: 12000 },
};

export const ITEM_PLAN = {
  code: '00016421300Y',
  name: '建设工程规划许可证核发',
  department: '市自然资源和规划局',
  promisedLimit: { value: 7, unit: 'workday' },
  statutoryLimit: { value: 20, unit: 'workday' },
  feeAllowed: false,
  deficiencyMaterials: ['M-TOPO'],
};

export const ITEM_PERMIT = {
  code: '000164213003',
  name: '建筑工程施工许可证核发',
  department: '市住房和城乡建设局',
  promisedLimit: { value: 5, unit: 'workday' },
  statutoryLimit: { value: 15, unit: 'workday' },
  feeAllowed: true,
  deficiencyMaterials: [],
};

export function acceptInput(overrides: Record<string, unknown> = {}) {
  return {
    project: PROJECT,
    stage: 2,
    catalogVersion: '2026.1',
    form: { buildingArea: 15000 },
    applicant: { name: '张三丰', idNumber: '11010519491231002X', phone: '13800138000' },
    items: [ITEM_PLAN, ITEM_PERMIT],
    materials: [
      { code: 'M-APP', name: '建设工程规划许可申请表', status: 'collected', blobRefs: [] },
      { code: 'M-LAND', name: '土地使用权证明', status: 'reused', blobRefs: [], ref: 'case:earlier' },
    ],
    mode: 'accept',
    ...overrides,
  };
}

export interface Accepted {
  applicationId: string;
  projectId: string;
  cases: { id: string; caseNumber: string; itemCode: string; status: string; dueOn: string | null; acceptedOn: string }[];
}
