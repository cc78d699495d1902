import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import type { Role } from '../../shared/api/contract-kit';
import type { UserView } from '../../shared/api/session';
import type { Db } from '../store/database';
import { appendEvents } from '../store/journal';
import { hashPassword } from './passwords';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  department: string | null;
  disabled: number;
  failed_logins: number;
}

export interface StoredUser extends UserView {
  passwordHash: string;
  failedLogins: number;
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    department: row.department,
    disabled: row.disabled === 1,
    passwordHash: row.password_hash,
    failedLogins: row.failed_logins,
  };
}

export function toView(u: StoredUser): UserView {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, department: u.department, disabled: u.disabled };
}

/** Local users of the workstation. Account changes are journaled (who created whom, when). */
export class UserRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  byUsername(username: string): StoredUser | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row && toUser(row);
  }

  byId(id: string): StoredUser | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  list(): StoredUser[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY role, username').all() as UserRow[]).map(toUser);
  }

  async create(
    input: { username: string; displayName: string; password: string; role: Role; department: string | null },
    actor: string | null,
  ): Promise<StoredUser> {
    const hash = await hashPassword(input.password);
    const id = randomUUID();
    this.db.transaction(() => {
      if (this.byUsername(input.username)) throw new AppError('CONFLICT', `用户名 ${input.username} 已存在，请换一个`);
      this.db
        .prepare('INSERT INTO users (id, username, display_name, role, password_hash, department, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.username, input.displayName, input.role, hash, input.department, new Date().toISOString());
      appendEvents(this.db, [
        { stream: 'workstation', type: 'user.created', payload: { userId: id, username: input.username, role: input.role }, actor },
      ]);
    })();
    return this.byId(id)!;
  }

  /** Name, role and department; the journal keeps what changed and who changed it. */
  update(id: string, input: { displayName: string; role: Role; department: string | null }, actor: string): StoredUser {
    this.db.transaction(() => {
      const before = this.byId(id);
      if (!before) throw new AppError('NOT_FOUND', '没有这个用户，请刷新用户列表');
      this.db
        .prepare('UPDATE users SET display_name = ?, role = ?, department = ? WHERE id = ?')
        .run(input.displayName, input.role, input.department, id);
      const changed = (['displayName', 'role', 'department'] as const).filter((k) => before[k] !== input[k]);
      appendEvents(this.db, [
        {
          stream: 'workstation',
          type: 'user.updated',
          payload: { userId: id, changed, role: input.role, department: input.department },
          actor,
        },
      ]);
    })();
    return this.byId(id)!;
  }

  setDisabled(id: string, disabled: boolean, actor: string): StoredUser {
    this.db.transaction(() => {
      const info = this.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
      if (info.changes === 0) throw new AppError('NOT_FOUND', '没有这个用户');
      appendEvents(this.db, [{ stream: 'workstation', type: disabled ? 'user.disabled' : 'user.enabled', payload: { userId: id }, actor }]);
    })();
    return this.byId(id)!;
  }

  async setPassword(id: string, password: string, actor: string): Promise<void> {
    const hash = await hashPassword(password);
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ?, failed_logins = 0 WHERE id = ?').run(hash, id);
      appendEvents(this.db, [{ stream: 'workstation', type: 'user.password-changed', payload: { userId: id }, actor }]);
    })();
  }

  recordFailedLogin(id: string): number {
    this.db.prepare('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?').run(id);
    return this.byId(id)?.failedLogins ?? 0;
  }

  resetFailedLogins(id: string): void {
    this.db.prepare('UPDATE users SET failed_logins = 0 WHERE id = ?').run(id);
  }
}
