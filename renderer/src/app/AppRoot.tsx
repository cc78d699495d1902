import { Result, Spin } from 'antd';
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi, useApiEvent } from '../api/hooks';
import { FaultNotice } from '../components/FaultNotice';
import { FirstRun } from '../screens/FirstRun';
import { Login } from '../screens/Login';
import { LockScreen } from '../screens/LockScreen';
import { Shell } from './Shell';

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
  const info = useApi('system.info', {});
  const session = useApi('session.state', {});
  const qc = useQueryClient();
  const onSession = useCallback(() => void qc.invalidateQueries({ queryKey: ['session.state'] }), [qc]);
  useApiEvent('session.changed', onSession);

  if (info.isLoading || session.isLoading) {
    return (
      <div className="ow-center">
        <Spin size="large" />
      </div>
    );
  }
  if (info.error || session.error || !info.data || !session.data) {
    return <Result status="error" title="无法连接工作站服务" subTitle={(info.error ?? session.error)?.message ?? '请确认一窗通仍在运行后刷新页面'} />;
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
