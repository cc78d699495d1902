import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/** What a screen shows while its code arrives: usually a blink, on a slow disk a spinner. */
export function ScreenLoading(): ReactNode {
  return (
    <div style={{ padding: 48, textAlign: 'center' }} data-testid="screen-loading">
      <Spin />
    </div>
  );
}

/**
 * A component whose code is fetched the first time it renders (its own chunk, see
 * vite.config.ts): the login screen then carries nothing of the screens behind it. The
 * component waits behind its own Suspense, so callers use it like any other.
 */
export function lazyScreen<P extends object>(
  load: () => Promise<(props: P) => ReactNode>,
  fallback: ReactNode = <ScreenLoading />,
): ComponentType<P> {
  const Lazy = lazy<ComponentType<P>>(async () => ({ default: await load() }));
  function LazyScreen(props: P): ReactNode {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyScreen;
}
