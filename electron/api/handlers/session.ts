import { AppError } from '../../../shared/api/errors';
import type { CoreServices } from '../services';
import { toView } from '../../session/users';
import { verifyPassword } from '../../session/passwords';
import type { Handlers } from '../dispatch';
import { catalogDepartments, checkedDepartment } from '../../session/departments';

type SessionMethods =
  | 'session.state'
  | 'session.setupAdmin'
  | 'session.login'
  | 'session.logout'
  | 'session.lock'
  | 'session.unlock'
  | 'session.touch'
  | 'session.listUsers'
  | 'session.createUser'
  | 'session.setUserDisabled'
  | 'session.departments'
  | 'session.updateUser'
  | 'session.resetPassword'
  | 'session.changePassword';

type Deps = Pick<CoreServices, 'session' | 'users' | 'acceptance' | 'signing'>;

export function sessionHandlers(ws: Deps): Pick<Handlers, SessionMethods> {
  return {
    'session.state': () => ws.session.state(),
    'session.setupAdmin': async (input) => {
      // Only the first run may create an administrator without logging in.
      if (ws.users.count() > 0) throw new AppError('CONFLICT', '管理员账号已创建，请直接登录');
      const user = await ws.users.create({ ...input, role: 'admin', department: null }, null);
      return toView(user);
    },
    'session.login': (input) => ws.session.login(input.username, input.password),
    'session.logout': () => {
      ws.session.logout();
      return { ok: true as const };
    },
    'session.lock': () => {
      ws.session.lock();
      return { ok: true as const };
    },
    'session.unlock': (input) => ws.session.unlock(input.password),
    'session.touch': () => {
      ws.session.touch();
      return { ok: true as const };
    },
    'session.listUsers': () => ws.users.list().map(toView),
    'session.createUser': async (input, ctx) =>
      toView(await ws.users.create({ ...input, department: checkedDepartment(ws, input.role, input.department) }, ctx.user?.id ?? null)),
    'session.departments': () => catalogDepartments(ws),
    'session.updateUser': (input, ctx) => {
      if (input.userId === ctx.user?.id && input.role !== 'admin')
        throw new AppError('CONFLICT', '不能取消当前登录账号的管理员角色，请由另一位管理员操作');
      return toView(
        ws.users.update(
          input.userId,
          { displayName: input.displayName, role: input.role, department: checkedDepartment(ws, input.role, input.department) },
          ctx.user!.id,
        ),
      );
    },
    'session.resetPassword': async (input, ctx) => {
      if (!ws.users.byId(input.userId)) throw new AppError('NOT_FOUND', '没有这个用户，请刷新用户列表');
      await ws.users.setPassword(input.userId, input.newPassword, ctx.user!.id);
      return toView(ws.users.byId(input.userId)!);
    },
    'session.setUserDisabled': (input, ctx) => {
      if (input.userId === ctx.user?.id && input.disabled) throw new AppError('CONFLICT', '不能停用当前登录的账号');
      return toView(ws.users.setDisabled(input.userId, input.disabled, ctx.user!.id));
    },
    'session.changePassword': async (input, ctx) => {
      const stored = ws.users.byId(ctx.user!.id);
      if (!stored || !(await verifyPassword(input.oldPassword, stored.passwordHash))) throw new AppError('UNAUTHENTICATED', '原密码不正确');
      await ws.users.setPassword(stored.id, input.newPassword, stored.id);
      // A leader's signing key is sealed under their password: reseal it under the new one.
      if (stored.role === 'leader') await ws.signing.rewrapPassword(stored.id, input.oldPassword, input.newPassword);
      return { ok: true as const };
    },
  };
}
