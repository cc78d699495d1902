import { Result, Spin } from 'antd';
import { useNodeEvents } from '../api/use-node-events';
import { useSessionState, useSystemInfo } from '../api/queries/session';
import { FaultNotice } from '../components/FaultNotice';
import { Login } from '../screens/Login';
import { antdLocale } from './antd-locale';
import { lazyScreen } from './lazy-screen';

const centred = (
  <div className="ow-center">
    <Spin size="large" />
  </div>
);

// The login screen is in the first chunk; what lies behind it arrives when it is needed. The
// workspace waits for antd's Chinese strings too, so its pickers never show English.
const Shell = lazyScreen(async () => {
  // The lock screen is fetched with the workspace, so the idle lock never waits for the network.
  void import('../screens/LockScreen');
  return (await Promise.all([import('./Shell'), antdLocale]))[0].Shell;
}, centred);
const FirstRun = lazyScreen(async () => (await import('../screens/FirstRun')).FirstRun, centred);
// Until the lock screen's code is there, an opaque cover already hides the applicant's data.
const lockCover = <div style={{ position: 'fixed', inset: 0, zIndex: 2000, background: 'rgb(20, 30, 50)' }} data-testid="lock-cover" />;
const LockScreen = lazyScreen(async () => (await import('../screens/LockScreen')).LockScreen, lockCover);

/**
 * First run → login → the clerk's workspace, with the idle lock over it. The fault notice sits
 * above them all: a restarted core ends the session, and the notice saying why must stay on the
 * login screen that follows.
 */
export function AppRoot() {
  return (
    <>
      <FaultNotice />
      <Screen />
    </>
  );
}

function Screen() {
  const info = useSystemInfo();
  const session = useSessionState();
  useNodeEvents();

  if (info.isLoading || session.isLoading) return centred;
  if (info.error || session.error || !info.data || !session.data) {
    return (
      <Result
        status="error"
        title="无法连接工作站服务"
        subTitle={(info.error ?? session.error)?.message ?? '请确认一窗通仍在运行后刷新页面'}
      />
    );
  }
  if (info.data.needsSetup) return <FirstRun info={info.data} />;
  if (!session.data.user) return <Login info={info.data} />;
  return (
    <>
      <Shell info={info.data} user={session.data.user} />
      {session.data.locked && <LockScreen user={session.data.user} />}
    </>
  );
}
