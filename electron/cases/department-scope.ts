/**
 * Reviewers and leaders belong to a department and act only on that department's cases
 * (issue 12). Clerks at the comprehensive window serve every department; administrators do not
 * act on cases at all (the contract's roles keep them out).
 *
 * The rule is enforced here, on the Node side, for every contract method that acts on a case; the
 * table below names each such method and how to find the cases it touches, and a test walks the
 * whole contract so a new case method cannot be added without being listed here or in EXEMPT.
 */
import type { MethodName, ParsedInput } from '../../shared/api';
import type { Role } from '../../shared/api/contract-kit';
import { AppError } from '../../shared/api/errors';
import type { UserView } from '../../shared/api/session';
import type { Handlers } from '../api/dispatch';
import type { Db } from '../store/database';

/** Roles whose authority stops at their department's cases. */
export const DEPARTMENT_ROLES: readonly Role[] = ['reviewer', 'leader'];

export function needsDepartment(role: Role): boolean {
  return DEPARTMENT_ROLES.includes(role);
}

const caseIds = (input: { caseId: string }) => [input.caseId];

/**
 * Methods that act on cases, and the departments of the cases each call touches. Clerk-only
 * actions are listed too: should a later release open them to reviewers, the scope already holds.
 */
export const DEPARTMENT_SCOPED = {
  'cases.revealIdNumber': (db, input: ParsedInput<'cases.revealIdNumber'>) => departmentsOfCases(db, caseIds(input)),
  'cases.requestCorrection': (db, input: ParsedInput<'cases.requestCorrection'>) => departmentsOfCases(db, caseIds(input)),
  'cases.reject': (db, input: ParsedInput<'cases.reject'>) => departmentsOfCases(db, caseIds(input)),
  'cases.supplement': (db, input: ParsedInput<'cases.supplement'>) => departmentsOfCases(db, caseIds(input)),
  'cases.startSpecialProcedure': (db, input: ParsedInput<'cases.startSpecialProcedure'>) => departmentsOfCases(db, caseIds(input)),
  'cases.endSpecialProcedure': (db, input: ParsedInput<'cases.endSpecialProcedure'>) => departmentsOfCases(db, caseIds(input)),
  'cases.extend': (db, input: ParsedInput<'cases.extend'>) => departmentsOfCases(db, caseIds(input)),
  'cases.decide': (db, input: ParsedInput<'cases.decide'>) => departmentsOfCases(db, caseIds(input)),
  'cases.sign': (db, input: ParsedInput<'cases.sign'>) => departmentsOfCases(db, caseIds(input)),
  'cases.issue': (db, input: ParsedInput<'cases.issue'>) => departmentsOfCases(db, caseIds(input)),
  'cases.withdraw': (db, input: ParsedInput<'cases.withdraw'>) => departmentsOfCases(db, caseIds(input)),
  'cases.recordFee': (db, input: ParsedInput<'cases.recordFee'>) => departmentsOfCases(db, caseIds(input)),
  'cases.correctParties': (db, input: ParsedInput<'cases.correctParties'>) => departmentsOfCases(db, caseIds(input)),
  // The batch is checked for the logged-in user here, and for the leader whose key signs in
  // assertLeaderMaySign (the clerk's session carries the leader's ticket).
  // A reviewer or leader hands over only the cases of their department.
  'hall.handOver': (db, input: ParsedInput<'hall.handOver'>) => departmentsOfCases(db, caseIds(input)),
  'cases.signAtWindow': (db, input: ParsedInput<'cases.signAtWindow'>) => departmentsOfCases(db, input.caseIds),
  'signing.sign': (_db, input: ParsedInput<'signing.sign'>) => input.items.map((i) => i.content.department),
  // A visit can cover cases of several departments: any of them may follow up its rating.
  'ratings.closeFollowUp': (db, input: ParsedInput<'ratings.closeFollowUp'>, user?: ScopedUser) => {
    const departments = departmentsOfFollowUp(db, input.followUpId);
    return user && departments.some((d) => actsFor(user, d)) ? [] : departments;
  },
} satisfies { [M in MethodName]?: (db: Db, input: ParsedInput<M>, user?: ScopedUser) => string[] };

type ScopedUser = Pick<UserView, 'role' | 'department'>;

/** Methods that name a case but only read, or whose scope is applied inside (with the reason). */
export const EXEMPT: Partial<Record<MethodName, string>> = {
  'cases.get': 'reading a case: the hall-wide supervision board and the clerk need every case',
  'documents.render': 'renders what the case holds; acting on it is scoped',
  'documents.available': 'lists the papers a case has at this moment; printing and acting on them is scoped',
  'documents.print': 'prints what the case holds; acting on it is scoped',
  'documents.reprint': 'prints what the case holds; acting on it is scoped',
  'ratings.followUps': 'lists follow-ups filtered to the department inside listFollowUps for scoped roles',
  'signing.authenticate': 'a step-up names no case; what the ticket signs is scoped in signing.sign',
  'signing.cancel': 'wipes a ticket',
  'signing.verify': 'verification is public',
  'signing.export': 'exports a signature already made',
  'supervision.board': 'read-only, hall-wide',
};

export function departmentsOfCases(db: Db, ids: readonly string[]): string[] {
  const stmt = db.prepare('SELECT department FROM item_cases WHERE id = ?');
  // An unknown case yields nothing here; the command itself answers "not found".
  return ids.flatMap((id) => {
    const row = stmt.get(id) as { department: string } | undefined;
    return row ? [row.department] : [];
  });
}

function departmentsOfFollowUp(db: Db, followUpId: string): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT c.department FROM rating_follow_ups f JOIN rating_visits v ON v.id = f.visit_id
       JOIN rating_cases vc ON vc.visit_id = v.id JOIN item_cases c ON c.id = vc.case_id WHERE f.id = ?`,
    )
    .all(followUpId) as { department: string }[];
  return rows.map((r) => r.department);
}

/** Whether this user may act on a case of `department`. */
export function actsFor(user: Pick<UserView, 'role' | 'department'>, department: string): boolean {
  if (!needsDepartment(user.role)) return true;
  return user.department !== null && user.department.trim() === department.trim();
}

export function assertDepartments(
  user: Pick<UserView, 'role' | 'department' | 'displayName'>,
  departments: readonly string[],
  who = '您',
): void {
  if (!needsDepartment(user.role)) return;
  if (!user.department) {
    throw new AppError(
      'FORBIDDEN',
      `${who === '您' ? '您的账号' : who}未设置所属部门，不能办理部门的办件；请系统管理员在“用户管理”中设置部门`,
    );
  }
  const foreign = [...new Set(departments.filter((d) => !actsFor(user, d)))];
  if (foreign.length > 0) {
    throw new AppError(
      'FORBIDDEN',
      `该办件由${foreign.join('、')}承办，${who}属于${user.department}，不能办理；请由${foreign[0]}的人员办理`,
    );
  }
}

/** The leader whose key signs must belong to every signed case's department. */
export function assertLeaderMaySign(leader: Pick<UserView, 'role' | 'department' | 'displayName'>, departments: readonly string[]): void {
  assertDepartments(leader, departments, `签名领导${leader.displayName}`);
}

/** Wraps the handler map: each scoped method checks the cases' departments before it runs. */
export function withDepartmentScope(db: Db, handlers: Handlers): Handlers {
  const out: Handlers = { ...handlers };
  const table = out as unknown as Record<string, (input: unknown, ctx: { user: UserView | null }) => unknown>;
  for (const [method, lookup] of Object.entries(DEPARTMENT_SCOPED) as [string, (db: Db, input: unknown, user: ScopedUser) => string[]][]) {
    const inner = table[method];
    if (!inner) continue;
    table[method] = (input, ctx) => {
      if (ctx.user && needsDepartment(ctx.user.role)) assertDepartments(ctx.user, lookup(db, input, ctx.user));
      return inner(input, ctx);
    };
  }
  return out;
}

/** A scoped role sees the bad-rating follow-ups of visits that touched its department's cases. */
export function followUpsFor<F extends { id: string }>(db: Db, user: Pick<UserView, 'role' | 'department'> | null, list: F[]): F[] {
  if (!user || !needsDepartment(user.role)) return list;
  return list.filter((f) => departmentsOfFollowUp(db, f.id).some((d) => actsFor(user, d)));
}
