import type { MethodInput } from '../../../../shared/api';
import { useApi, useApiMutation } from '../hooks';

export const useStatsSummary = (input: MethodInput<'stats.summary'>) => useApi('stats.summary', input);

/** The same figures as an .xlsx file (base64), to save. */
export const useStatsExport = () => useApiMutation('stats.export');
