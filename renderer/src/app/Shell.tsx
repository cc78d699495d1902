import { Button, Dropdown, Layout, Menu, Tag } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../../shared/api/contract-kit';
import type { UserView } from '../../../shared/api/session';
import type { SystemInfo } from '../../../shared/api/system';
import { useEndSession } from '../api/queries/session';
import { useSettings } from '../api/queries/settings';
import { DeviceBadges } from '../components/DeviceBadges';
import { SyncBadge } from '../components/SyncBadge';
import { useIdleTouch } from './useIdleTouch';
import { CaseWorkSections, useCaseWork } from '../cases/CaseWorkSections';
import { CalendarNotices } from './CalendarNotices';
import { lazyScreen } from './lazy-screen';

// Each section's code is its own chunk, fetched the first time the section opens.
const AcceptanceScreen = lazyScreen<{ resumeLast?: boolean }>(
  async () => (await import('../acceptance/AcceptanceScreen')).AcceptanceScreen,
);
const CaseList = lazyScreen(async () => (await import('../screens/CaseList')).CaseList);
const SyncPanel = lazyScreen(async () => (await import('../screens/SyncPanel')).SyncPanel);
const SettingsScreen = lazyScreen(async () => (await import('../screens/SettingsScreen')).SettingsScreen);
const UsersScreen = lazyScreen(async () => (await import('../screens/UsersScreen')).UsersScreen);
const CalendarAdmin = lazyScreen(async () => (await import('../admin/CalendarAdmin')).CalendarAdmin);
import { useHallWork } from '../hall/useHallWork';
import { useHallStatus } from '../hall/useHallStatus';
import { windowTitle } from '../hall/window-title';

export type Section =
  | 'accept'
  | 'cases'
  | 'sync'
  | 'settings'
  | 'users'
  | 'case'
  | 'supervision'
  | 'stats'
  | 'signing'
  | 'keys'
  | 'calendar'
  | 'hall'
  | 'hallBoard';

/** The clerk's workspace: who and where on top, sections on the left, work in the middle. */
export function Shell({ info, user }: { info: SystemInfo; user: UserView }) {
  // The clerk's day starts at acceptance; F4 always opens a fresh one.
  const [section, setSection] = useState<Section>(user.role === 'clerk' ? 'accept' : 'cases');
  const [acceptRun, setAcceptRun] = useState(0);
  const settings = useSettings();
  const hallStatus = useHallStatus();
  const endSession = useEndSession();
  useIdleTouch();
  const work = useCaseWork(user, section, setSection);
  const hallWork = useHallWork(user, setSection);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void endSession('lock');
      }
      if (e.key === 'F4' && user.role === 'clerk') {
        e.preventDefault();
        setSection('accept');
        setAcceptRun((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [endSession, user.role]);

  const items: { key: Section; label: string; show: boolean }[] = [
    { key: 'accept', label: '受理 F4', show: user.role === 'clerk' },
    { key: 'cases', label: '办件查询', show: true },
    ...hallWork.menu,
    ...work.menu,
    { key: 'sync', label: '平台同步', show: true },
    { key: 'users', label: '用户管理', show: user.role === 'admin' },
    { key: 'settings', label: '工位设置', show: user.role === 'admin' },
    { key: 'calendar', label: '节假日日历', show: user.role === 'admin' },
  ];
  const content: Record<Section, ReactNode> = {
    accept: <AcceptanceScreen key={acceptRun} resumeLast={acceptRun === 0} />,
    cases: <CaseList />,
    sync: <SyncPanel />,
    settings: <SettingsScreen />,
    users: <UsersScreen />,
    calendar: <CalendarAdmin />,
    ...work.content,
    ...hallWork.content,
  };
  const hall = windowTitle(
    hallStatus.data,
    settings.data ? { hallName: settings.data.hall.name, windowNumber: settings.data.window.number } : undefined,
  );

  return (
    <Layout style={{ height: '100%' }}>
      <div className="ow-header">
        <span className="ow-brand">一窗通</span>
        <span data-testid="hall-window">{hall}</span>
        {info.mode === 'training' && <Tag color="orange">培训模式</Tag>}
        <span className="ow-spacer" />
        <DeviceBadges />
        <SyncBadge onOpen={() => setSection('sync')} />
        <Dropdown
          menu={{
            items: [
              { key: 'lock', label: '锁定 (Ctrl+L)' },
              { key: 'logout', label: '退出登录' },
            ],
            onClick: ({ key }) => void endSession(key === 'lock' ? 'lock' : 'logout'),
          }}
        >
          <Button type="text" size="small" style={{ color: '#fff' }} data-testid="user-menu">
            {user.displayName} · {ROLE_LABELS[user.role]}
          </Button>
        </Dropdown>
      </div>
      <Layout>
        <Layout.Sider width={148} theme="light" style={{ borderRight: '1px solid #e5e8ee' }}>
          <Menu
            mode="inline"
            selectedKeys={[section]}
            items={items.filter((i) => i.show).map((i) => ({ key: i.key, label: i.label }))}
            onClick={({ key }) => setSection(key as Section)}
            style={{ borderInlineEnd: 'none' }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 12, overflow: 'auto' }}>
          <CalendarNotices user={user} onOpen={() => setSection('calendar')} />
          <CaseWorkSections work={work}>{content[section]}</CaseWorkSections>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
