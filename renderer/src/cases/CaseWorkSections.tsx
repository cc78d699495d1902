import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { UserView } from '../../../shared/api/session';
import { LeaderKeys } from '../admin/LeaderKeys';
import type { Section } from '../app/Shell';
import { BatchSigning } from '../signing/BatchSigning';
import { StatsScreen } from '../stats/StatsScreen';
import { SupervisionBoard } from '../supervision/SupervisionBoard';
import { CasePage } from './CasePage';
import { CaseNavigation, type OpenCase } from './navigation';
import { useScanToOpen } from './useScanToOpen';

type WorkSection = Extract<Section, 'case' | 'supervision' | 'stats' | 'signing' | 'keys'>;

export interface CaseWork {
  open: OpenCase;
  menu: { key: Section; label: string; show: boolean }[];
  content: Record<WorkSection, ReactNode>;
}

/**
 * The case work the Shell hosts (issue 5): the case page, 督办, 统计, 签批 and 签名密钥, and the
 * barcode wedge that opens a case from any screen. Kept here so the Shell needs only a few lines.
 */
export function useCaseWork(user: UserView, section: Section, setSection: (s: Section) => void): CaseWork {
  const [caseId, setCaseId] = useState<string | null>(null);
  const [back, setBack] = useState<Section>('cases');
  const open = useCallback<OpenCase>(
    (id) => {
      setCaseId(id);
      if (section !== 'case') setBack(section);
      setSection('case');
    },
    [section, setSection],
  );
  useScanToOpen(open, true);
  const manager = user.role === 'reviewer' || user.role === 'leader' || user.role === 'admin';

  const content = useMemo<Record<WorkSection, ReactNode>>(
    () => ({
      case: caseId ? <CasePage key={caseId} caseId={caseId} onBack={() => setSection(back)} /> : null,
      supervision: <SupervisionBoard showFollowUps={manager} />,
      stats: <StatsScreen />,
      signing: <BatchSigning />,
      keys: <LeaderKeys />,
    }),
    [caseId, back, setSection, manager],
  );
  return {
    open,
    content,
    menu: [
      { key: 'supervision', label: '督办', show: true },
      { key: 'stats', label: '统计', show: manager },
      { key: 'signing', label: '签批', show: user.role === 'leader' },
      { key: 'keys', label: '签名密钥', show: user.role === 'admin' },
    ],
  };
}

export function CaseWorkSections({ work, children }: { work: CaseWork; children: ReactNode }) {
  return <CaseNavigation.Provider value={work.open}>{children}</CaseNavigation.Provider>;
}
