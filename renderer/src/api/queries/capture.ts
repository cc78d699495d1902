import { useApi, useApiMutation } from '../hooks';

/** The configured scanner and what else answers, read when the scanner tab is shown. */
export const useScanners = (active: boolean) => useApi('capture.scanners', {}, { enabled: active, retry: false });

/** Starts a background scan; its pages arrive as capture.progress events. */
export const useStartScan = () => useApiMutation('capture.scan');
export const useFinishScan = () => useApiMutation('capture.finish');
export const useCancelScan = () => useApiMutation('capture.cancelScan');

/** Camera pages → one PDF blob for the material. */
export const useAssemblePages = () => useApiMutation('capture.assemble');
