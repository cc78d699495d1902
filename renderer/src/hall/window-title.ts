import type { HallStatusView } from '../../../shared/api/hall';
import { WINDOW_ROLE_LABELS } from '../../../shared/protocol/enrolment';

/**
 * The header's "where am I": a window of a hall is named as the hall named it, with its role
 * (规划局后台 · 部门后台审批, 12号窗口 · 统一出件窗口) — a back office or an issuing window has no
 * counter number. A workstation outside a hall keeps its configured number.
 */
export function windowTitle(
  hall: Pick<HallStatusView, 'enrolled' | 'hallName' | 'windowName' | 'role'> | undefined,
  local: { hallName: string; windowNumber: string } | undefined,
): string {
  if (hall?.enrolled && hall.windowName && hall.role) {
    const role = WINDOW_ROLE_LABELS[hall.role];
    const name = hall.windowName === role ? role : `${hall.windowName} · ${role}`;
    return `${hall.hallName ?? local?.hallName ?? ''} · ${name}`;
  }
  return local ? `${local.hallName} · ${local.windowNumber}号窗口` : '';
}
