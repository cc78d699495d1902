import { useApi, useApiMutation } from '../hooks';

/** Published and estimated years, imports, the last recomputation; follows calendar.changed. */
export const useCalendarStatus = (opts?: { refetchInterval?: number }) => useApi('calendar.status', {}, opts);

/** One year's holidays and make-up workdays, once the year to show is known. */
export const useCalendarYear = (year: number | undefined) => useApi('calendar.year', { year: year ?? 0 }, { enabled: year !== undefined });

/** Reads a pasted State Council notice into a calendar to check; stores nothing. */
export const usePreviewNotice = () => useApiMutation('calendar.previewNotice');

/**
 * Imports the notice. Moved due dates arrive as calendar.changed/cases.changed; the calendar's
 * own reads are refreshed here, since an import that moves no case announces nothing.
 */
export const useImportNotice = () => useApiMutation('calendar.importNotice', ['calendar.status', 'calendar.year']);
