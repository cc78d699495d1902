import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { followDisplayEvents } from './api/event-invalidation';
import { prefetchFirstScreen } from './api/queries/session';
import { queryClient } from './api/query-client';
import { AppRoot } from './app/AppRoot';
import { lazyScreen } from './app/lazy-screen';
import { ThemedApp } from './app/ThemedApp';
import { startWorkstationClock } from './app/workstation-clock';
import './styles.css';

// The clerk's window reads who is logged in before its first render. The display listens for
// rating prompts at once, while its own code is still on the way.
const isDisplay = window.location.pathname.startsWith('/display');
if (isDisplay) followDisplayEvents(queryClient, (event, listener) => api.on(event, listener));
else void prefetchFirstScreen();
startWorkstationClock();

// The applicant display is a second window (Electron) or a second URL (browser host); its code
// is a chunk of its own, so the clerk's first screen does not carry it, nor it the clerk's.
const ApplicantDisplay = lazyScreen(async () => (await import('./display/ApplicantDisplay')).ApplicantDisplay);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemedApp display={isDisplay}>
      <QueryClientProvider client={queryClient}>{isDisplay ? <ApplicantDisplay /> : <AppRoot />}</QueryClientProvider>
    </ThemedApp>
  </StrictMode>,
);
