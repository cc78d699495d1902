import { useApi, useApiMutation } from '../hooks';

/** Every device's state; devices.changed replaces it in the cache (event-invalidation.ts). */
export const useDeviceStatus = () => useApi('devices.status', {});

/** The training cards of the simulated reader and which one lies on it. */
export const useTrainingCards = () => useApi('idcard.trainingCards', {});

export const usePlaceCard = () => useApiMutation('idcard.place', ['idcard.trainingCards']);
export const useLiftCard = () => useApiMutation('idcard.lift', ['idcard.trainingCards']);
