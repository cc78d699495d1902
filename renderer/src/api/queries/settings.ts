import { useApi } from '../hooks';

/** The workstation configuration (hall, window, devices, departments); follows settings.changed. */
export const useSettings = (opts?: { enabled?: boolean }) => useApi('settings.get', {}, opts);
