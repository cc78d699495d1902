import { useApi, useApiMutation } from '../hooks';

/** The leaders' signing keys in use. */
export const useLeaderKeys = () => useApi('signing.listKeys', {});

/** Creates (or replaces) a leader's key; the key list reads again. */
export const useProvisionKey = () => useApiMutation('signing.provisionKey', ['signing.listKeys']);
