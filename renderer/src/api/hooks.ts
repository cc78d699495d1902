import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import type { AppError } from '../../../shared/api/errors';
import { api } from './client';

export function useApi<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options?: Omit<UseQueryOptions<MethodOutput<M>, AppError>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<MethodOutput<M>, AppError>({
    queryKey: [method, input],
    queryFn: () => api.call(method, input),
    ...options,
  });
}

export function useApiMutation<M extends MethodName>(method: M, invalidates: MethodName[] = []) {
  const qc = useQueryClient();
  return useMutation<MethodOutput<M>, AppError, MethodInput<M>>({
    mutationFn: (input) => api.call(method, input),
    onSuccess: () => {
      for (const m of invalidates) void qc.invalidateQueries({ queryKey: [m] });
    },
  });
}

export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  useEffect(() => api.on(event, listener), [event, listener]);
}
