import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi, useApiEvent } from '../api/hooks';

/** This window's place in the hall, re-read whenever the Node side says the hall changed. */
export function useHallStatus() {
  const qc = useQueryClient();
  const status = useApi('hall.status', {});
  const onChanged = useCallback(() => {
    void qc.invalidateQueries({ queryKey: ['hall.status'] });
    void qc.invalidateQueries({ queryKey: ['hall.worklist'] });
  }, [qc]);
  useApiEvent('hall.changed', onChanged);
  return status;
}
