import { AppError } from '../../../shared/api/errors';
import type { Workstation } from '../../workstation';
import { toView } from '../../session/users';
import { verifyPassword } from '../../session/passwords';
import { signingServiceFor } from '../../signing';
import type { Handlers } from '../dispatch';

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
  | 'session.changePassword';

export function sessionHandlers(ws: Workstation): Pick<Handlers, SessionMethods> {
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
    'session.createUser': async (input, ctx) => toView(await ws.users.create(input, ctx.user?.id ?? null)),
    'session.setUserDisabled': (input, ctx) => {
      if (input.userId === ctx.user?.id && input.disabled) throw new AppError('CONFLICT', '不能停用当前登录的账号');
      return toView(ws.users.setDisabled(input.userId, input.disabled, ctx.user!.id));
    },
    'session.changePassword': async (input, ctx) => {
      const stored = ws.users.byId(ctx.user!.id);
      if (!stored || !(await verifyPassword(input.oldPassword, stored.passwordHash))) throw new AppError('UNAUTHENTICATED', '原密码不正确');
      await ws.users.setPassword(stored.id, input.newPassword, stored.id);
      // A leader's signing key is sealed under their password: reseal it under the new one.
      if (stored.role === 'leader') await signingServiceFor(ws).rewrapPassword(stored.id, input.oldPassword, input.newPassword);
      return { ok: true as const };
    },
  };
}
