import { useEffect, useRef, type ReactNode } from 'react';
import type { UserView } from '../../../shared/api/session';
import type { Section } from '../app/Shell';
import { HallBoard } from './HallBoard';
import { Worklist } from './Worklist';
import { useHallStatus } from './useHallStatus';

type HallSection = Extract<Section, 'hall' | 'hallBoard'>;

/**
 * The Shell's hall sections: 大厅待办 for an enrolled window, 全大厅督办 for leaders. A window
 * started in a back-office or issuing role opens on its worklist (no counter devices needed).
 */
export function useHallWork(
  user: UserView,
  setSection: (s: Section) => void,
): { menu: { key: Section; label: string; show: boolean }[]; content: Record<HallSection, ReactNode> } {
  const status = useHallStatus();
  const s = status.data;
  // Decided once, on the status the window starts with: an administrator who enrols the window
  // right now stays on 工位设置, and nobody is moved away from their work later.
  const decided = useRef(false);
  useEffect(() => {
    if (!s || decided.current) return;
    decided.current = true;
    if (user.role !== 'admin' && s.enrolled && (s.role === 'back-office' || s.role === 'issuing')) setSection('hall');
  }, [s, user.role, setSection]);
  return {
    menu: [
      { key: 'hall', label: '大厅待办', show: !!s?.enrolled },
      { key: 'hallBoard', label: '全大厅督办', show: !!s?.enrolled && (user.role === 'leader' || user.role === 'admin') },
    ],
    content: { hall: <Worklist />, hallBoard: <HallBoard /> },
  };
}
