import { z } from 'zod';

// Validation messages reach clerks: make zod speak Chinese wherever the contract is loaded.
z.config(z.locales.zhCN());

export const ROLES = ['clerk', 'reviewer', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { clerk: '窗口人员', reviewer: '审核人员', leader: '部门领导', admin: '系统管理员' };

/**
 * Who may call a method. Enforced on the Node side by the dispatcher, whatever the UI shows.
 * - public: anyone holding the transport token (first-run, login, the applicant display)
 * - user: any logged-in, unlocked user
 * - Role[]: logged-in users with one of these roles (admin is not implied)
 */
export type Access = 'public' | 'user' | readonly Role[];

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Methods an idle-locked workstation still answers (besides public ones). */
  allowWhenLocked?: boolean;
  /** Whether the call is a state change worth an audit line. */
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
export const IsoDateTime = z.string().datetime({ offset: true });
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
