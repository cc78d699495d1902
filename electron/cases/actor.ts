import type { Role } from '../../shared/api/contract-kit';
import { AppError } from '../../shared/api/errors';
import type { UserView } from '../../shared/api/session';

/** Who runs a command: the logged-in user, or a named process (CLI, tests, sync). */
export interface Actor {
  id: string;
  displayName: string;
  role: Role;
}

export function actorOf(user: UserView | null): Actor {
  // The dispatcher has already checked the role; a missing user here is a wiring mistake.
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return { id: user.id, displayName: user.displayName, role: user.role };
}
