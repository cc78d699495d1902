import { useApi } from '../hooks';

/** Where the relay stands; sync.status events replace it in the cache (event-invalidation.ts). */
export const useSyncStatus = () => useApi('sync.status', {});
