import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/AppRoot';
import { ApplicantDisplay } from './display/ApplicantDisplay';
import { startWorkstationClock } from './app/workstation-clock';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

startWorkstationClock();

// The applicant display is a second window (Electron) or a second URL (browser host).
const isDisplay = window.location.pathname.startsWith('/display');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: isDisplay ? theme.defaultAlgorithm : [theme.defaultAlgorithm, theme.compactAlgorithm],
        token: { colorPrimary: '#1f5fae', borderRadius: 4, fontFamily: '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif' },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>{isDisplay ? <ApplicantDisplay /> : <AppRoot />}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
