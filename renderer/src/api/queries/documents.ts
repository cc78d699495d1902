import type { MethodInput } from '../../../../shared/api';
import { useApi, useApiMutation } from '../hooks';

/**
 * A document rendered for preview. Kept briefly only: a reopened preview renders again, so the
 * paper always shows the case as it is now.
 */
export const useRenderedDocument = (input: MethodInput<'documents.render'>, enabled: boolean) =>
  useApi('documents.render', input, { enabled, staleTime: 0, gcTime: 0 });

export const usePrintDocument = () => useApiMutation('documents.print');
export const useReprintDocument = () => useApiMutation('documents.reprint');
