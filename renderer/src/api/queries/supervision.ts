import type { MethodInput } from '../../../../shared/api';
import { useApi, useApiMutation } from '../hooks';

/** Open cases by supervision level; the minute tick moves cases between levels as time passes. */
export const useSupervisionBoard = (input: MethodInput<'supervision.board'>) =>
  useApi('supervision.board', input, { refetchInterval: 60_000 });

/** 差评回访 records (bad ratings to call back). */
export const useFollowUps = (status: 'open' | 'closed') => useApi('ratings.followUps', { status });

export const useCloseFollowUp = () => useApiMutation('ratings.closeFollowUp', ['ratings.followUps']);
