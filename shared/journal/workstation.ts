/** Administration on the `workstation` stream: users and settings. No passwords, ever. */
import { z } from 'zod';
import { defineEvent } from './common';

const Role = z.enum(['clerk', 'reviewer', 'leader', 'admin']);
const UserRef = z.object({ userId: z.string() });

export const workstationEvents = [
  defineEvent('settings.updated', 1, z.object({ mode: z.enum(['training', 'production']), window: z.string() })),
  defineEvent('user.created', 1, z.object({ userId: z.string(), username: z.string(), role: Role })),
  defineEvent(
    'user.updated',
    1,
    z.object({
      userId: z.string(),
      changed: z.array(z.enum(['displayName', 'role', 'department'])),
      role: Role,
      department: z.string().nullable(),
    }),
  ),
  defineEvent('user.disabled', 1, UserRef),
  defineEvent('user.enabled', 1, UserRef),
  defineEvent('user.password-changed', 1, UserRef),
] as const;
