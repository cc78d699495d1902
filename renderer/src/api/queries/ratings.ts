import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi, useApiMutation } from '../hooks';

/**
 * The rating prompt open for this display, if any: read once, then kept up to date by
 * ratings.prompt events (followDisplayEvents). Never re-read on its own: a re-read after the
 * rating would take the thanks off the screen too early.
 */
export const useRatingPrompt = () => useApi('ratings.pending', {}, { staleTime: Infinity });

/** The display is done with the prompt (rated and thanked). */
export function useDismissRatingPrompt(): () => void {
  const qc = useQueryClient();
  return useCallback(() => qc.setQueryData(['ratings.pending', {}], { visit: null }), [qc]);
}

/** The applicant's rating from the display (一次一评). */
export const useSubmitRating = () => useApiMutation('ratings.submit');
