import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import type { AppError } from '../../../shared/api/errors';
import { api } from '../api/client';

/** What a case action changes on screen: the case, the lists it appears in and the supervision board. */
const CHANGED_BY_A_CASE_ACTION = ['cases.get', 'cases.list', 'supervision.board'] as const;

/**
 * One mutation for the case page's dialogs (reject, decide, issue, …): each dialog calls
 * `act('cases.issue', input)`; the query cache is refreshed once an action succeeds, so no dialog
 * keeps its own reload logic. The dialog (ActionModal) shows the pending state and a refusal.
 */
export function useCaseAction(): <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>> {
  const qc = useQueryClient();
  const mutation = useMutation<unknown, AppError, { method: MethodName; input: unknown }>({
    mutationFn: ({ method, input }) => api.call(method, input as never),
    onSuccess: () => {
      for (const key of CHANGED_BY_A_CASE_ACTION) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
  const { mutateAsync } = mutation;
  return useCallback(
    <M extends MethodName>(method: M, input: MethodInput<M>) => mutateAsync({ method, input }) as Promise<MethodOutput<M>>,
    [mutateAsync],
  );
}
