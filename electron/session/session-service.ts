import { AppError } from '../../shared/api/errors';
import type { Access } from '../../shared/api/contract-kit';
import type { SessionState, UserView } from '../../shared/api/session';
import type { EventBus } from '../event-bus';
import { verifyPassword } from './passwords';
import { toView, type UserRepository } from './users';

/** After this many wrong passwords in a row an account needs an administrator. */
export const MAX_FAILED_LOGINS = 10;

/**
 * The clerk at this window. A workstation has one person at the counter at a time, so the
 * session is the workstation's (shared by the main window and the applicant display), not
 * per browser tab. Roles are checked here, on the Node side, for every call.
 */
export class SessionService {
  private user: UserView | null = null;
  private locked = false;
  private lastActivity = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly bus: EventBus,
    private idleLockMinutes: () => number,
    private readonly now: () => number = Date.now,
  ) {
    // Checking every 15 s is enough for a lock measured in minutes.
    this.timer = setInterval(() => this.checkIdle(), 15_000);
    this.timer.unref();
  }

  state(): SessionState {
    this.checkIdle();
    return { user: this.user, locked: this.locked, idleLockMinutes: this.idleLockMinutes() };
  }

  current(): UserView | null {
    return this.user;
  }

  async login(username: string, password: string): Promise<SessionState> {
    const stored = this.users.byUsername(username);
    const fail = new AppError('UNAUTHENTICATED', '用户名或密码不正确，请重新输入');
    if (!stored) throw fail;
    if (stored.disabled) throw new AppError('FORBIDDEN', '该账号已停用，请联系系统管理员');
    if (stored.failedLogins >= MAX_FAILED_LOGINS) throw new AppError('FORBIDDEN', '密码错误次数过多，账号已锁定，请联系系统管理员重置密码');
    if (!(await verifyPassword(password, stored.passwordHash))) {
      const n = this.users.recordFailedLogin(stored.id);
      if (n >= MAX_FAILED_LOGINS) throw new AppError('FORBIDDEN', '密码错误次数过多，账号已锁定，请联系系统管理员重置密码');
      throw fail;
    }
    this.users.resetFailedLogins(stored.id);
    this.user = toView(stored);
    this.locked = false;
    this.lastActivity = this.now();
    this.changed();
    return this.state();
  }

  logout(): void {
    this.user = null;
    this.locked = false;
    this.changed();
  }

  lock(): void {
    if (!this.user) return;
    this.locked = true;
    this.changed();
  }

  async unlock(password: string): Promise<SessionState> {
    if (!this.user) throw new AppError('UNAUTHENTICATED', '尚未登录，请先登录');
    const stored = this.users.byId(this.user.id);
    if (!stored || stored.disabled) {
      this.logout();
      throw new AppError('FORBIDDEN', '该账号已停用，请联系系统管理员');
    }
    // The same limit as login: a locked screen must not become a place to guess passwords.
    if (stored.failedLogins >= MAX_FAILED_LOGINS) return this.refuseLockedOut();
    if (!(await verifyPassword(password, stored.passwordHash))) {
      const n = this.users.recordFailedLogin(stored.id);
      if (n >= MAX_FAILED_LOGINS) return this.refuseLockedOut();
      throw new AppError('UNAUTHENTICATED', `密码不正确，请重新输入（再错 ${MAX_FAILED_LOGINS - n} 次账号将被锁定）`);
    }
    this.users.resetFailedLogins(stored.id);
    this.locked = false;
    this.lastActivity = this.now();
    this.changed();
    return this.state();
  }

  /** Too many wrong passwords: the clerk is signed out and the account waits for an administrator. */
  private refuseLockedOut(): never {
    this.logout();
    throw new AppError('FORBIDDEN', '密码错误次数过多，账号已锁定并已退出登录，请联系系统管理员重置密码');
  }

  touch(): void {
    if (this.user && !this.locked) this.lastActivity = this.now();
  }

  /** Throws unless the current session may call a method with this access rule. */
  authorize(access: Access, allowWhenLocked: boolean): UserView | null {
    if (access === 'public') return this.user;
    this.checkIdle();
    if (!this.user) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (this.locked && !allowWhenLocked) throw new AppError('LOCKED', '工作站已锁定，请输入密码解锁');
    if (access !== 'user' && !access.includes(this.user.role)) {
      throw new AppError('FORBIDDEN', '当前账号无权进行此操作，请由有权限的人员登录办理');
    }
    if (!this.locked) this.lastActivity = this.now();
    return this.user;
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private checkIdle(): void {
    if (!this.user || this.locked) return;
    if (this.now() - this.lastActivity >= this.idleLockMinutes() * 60_000) {
      this.locked = true;
      this.changed();
    }
  }

  private changed(): void {
    this.bus.emit('session.changed', { user: this.user, locked: this.locked, idleLockMinutes: this.idleLockMinutes() });
  }
}
