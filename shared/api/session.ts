import { z } from 'zod';
import { Empty, Ok, ROLES, method } from './contract-kit';

export const Role = z.enum(ROLES);

export const Username = z
  .string()
  .trim()
  .min(2, '用户名至少2个字符')
  .max(32, '用户名最多32个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和短横线');
export const Password = z.string().min(8, '密码至少8位').max(128, '密码最多128位');
export const DisplayName = z.string().trim().min(1, '请填写姓名').max(32, '姓名最多32个字符');

const UserId = z.string().min(1, '请选择用户').max(64);
/** A catalog department's name; required for reviewers and leaders (checked against the catalog on the Node side). */
export const Department = z.string().trim().max(64, '部门名称最多64个字').nullable().default(null);

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  department: z.string().nullable(),
  disabled: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

export const SessionState = z.object({
  user: UserView.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number(),
});
export type SessionState = z.infer<typeof SessionState>;

export const sessionMethods = {
  'session.state': method({ input: Empty, output: SessionState, access: 'public', summary: 'who is logged in' }),
  'session.setupAdmin': method({
    input: z.object({ username: Username, displayName: DisplayName, password: Password }).strict(),
    output: UserView,
    access: 'public',
    summary: 'first run: create the administrator (only while no user exists)',
  }),
  'session.login': method({
    input: z
      .object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(128) })
      .strict(),
    output: SessionState,
    access: 'public',
    summary: 'log in with a password',
  }),
  'session.logout': method({ input: Empty, output: Ok, access: 'public', summary: 'log out' }),
  'session.lock': method({ input: Empty, output: Ok, access: 'user', summary: 'lock the workstation now' }),
  'session.unlock': method({
    input: z.object({ password: z.string().min(1, '请输入密码').max(128) }).strict(),
    output: SessionState,
    access: 'public',
    summary: 'unlock with the logged-in user password',
  }),
  'session.touch': method({ input: Empty, output: Ok, access: 'user', summary: 'the clerk is active (keeps the idle lock away)' }),
  'session.listUsers': method({ input: Empty, output: z.array(UserView), access: ['admin'], summary: 'list users' }),
  'session.createUser': method({
    input: z.object({ username: Username, displayName: DisplayName, password: Password, role: Role, department: Department }).strict(),
    output: UserView,
    access: ['admin'],
    summary: 'create a user',
  }),
  'session.setUserDisabled': method({
    input: z.object({ userId: z.string().min(1).max(64), disabled: z.boolean() }).strict(),
    output: UserView,
    access: ['admin'],
    summary: 'disable or enable a user',
  }),
  'session.departments': method({
    input: Empty,
    output: z.array(z.object({ code: z.string(), name: z.string() })),
    access: ['admin'],
    summary: 'the departments a reviewer or leader may belong to (the catalog’s)',
  }),
  'session.updateUser': method({
    input: z.object({ userId: UserId, displayName: DisplayName, role: Role, department: Department }).strict(),
    output: UserView,
    access: ['admin'],
    summary: 'change a user’s name, role or department',
  }),
  'session.resetPassword': method({
    input: z.object({ userId: UserId, newPassword: Password }).strict(),
    output: UserView,
    access: ['admin'],
    summary: 'an administrator sets a new password for a user who forgot theirs',
  }),
  'session.changePassword': method({
    input: z.object({ oldPassword: z.string().min(1).max(128), newPassword: Password }).strict(),
    output: Ok,
    access: 'user',
    summary: 'change own password',
  }),
};
