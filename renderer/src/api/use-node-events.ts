import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './client';
import { followNodeEvents } from './event-invalidation';

/** Keeps the cache in step with the Node side's events; mounted once, in the clerk's window. */
export function useNodeEvents(): void {
  const qc = useQueryClient();
  useEffect(() => followNodeEvents(qc, (event, listener) => api.on(event, listener)), [qc]);
}
