import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../client';
import { useApi, useApiMutation } from '../hooks';
import { queryClient } from '../query-client';

/**
 * The two reads the first screen waits for, started before React's first render (main.tsx) so
 * they travel while the first render runs. The keys are the ones useApi gives them.
 */
export function prefetchFirstScreen(): Promise<unknown> {
  return Promise.all([
    queryClient.prefetchQuery({ queryKey: ['system.info', {}], queryFn: () => api.call('system.info', {}) }),
    queryClient.prefetchQuery({ queryKey: ['session.state', {}], queryFn: () => api.call('session.state', {}) }),
  ]);
}

/** system.info once, shared with whoever else is reading it (the workstation clock). */
export const fetchSystemInfo = () => queryClient.fetchQuery({ queryKey: ['system.info', {}], queryFn: () => api.call('system.info', {}) });

/** The workstation: version, mode, host kind, its clock, whether it still needs setting up. */
export const useSystemInfo = (opts?: { refetchInterval?: number }) => useApi('system.info', {}, opts);

/** Who is logged in and whether the screen is locked (follows session.changed). */
export const useSessionState = () => useApi('session.state', {});

export const useUsers = () => useApi('session.listUsers', {});

/**
 * Lock or log out. Locking changes only the session (the lock screen covers the rest); after a
 * logout every cached read belonged to the previous user.
 */
export function useEndSession(): (how: 'lock' | 'logout') => Promise<void> {
  const qc = useQueryClient();
  const { mutateAsync: lock } = useApiMutation('session.lock', ['session.state']);
  const { mutateAsync: logout } = useApiMutation('session.logout');
  return useCallback(
    async (how) => {
      if (how === 'lock') return void (await lock({}));
      await logout({});
      await qc.invalidateQueries();
    },
    [lock, logout, qc],
  );
}

/** Tells the Node side the clerk is active (keeps the idle lock away); failures are harmless. */
export function useTouchSession() {
  return useApiMutation('session.touch');
}
