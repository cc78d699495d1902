import { QueryClient } from '@tanstack/react-query';

/**
 * The renderer's one cache of Node-side data. Nothing refetches on focus or on a timer by
 * default: the Node side pushes events when its data changes (see event-invalidation.ts).
 */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});
