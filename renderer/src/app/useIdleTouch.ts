import { useEffect } from 'react';
import { api } from '../api/client';

/** Tells the Node side the clerk is active, at most once a minute, so the idle lock stays away. */
export function useIdleTouch(): void {
  useEffect(() => {
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < 60_000) return;
      last = now;
      void api.call('session.touch', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', onActivity);
    window.addEventListener('pointerdown', onActivity);
    return () => {
      window.removeEventListener('keydown', onActivity);
      window.removeEventListener('pointerdown', onActivity);
    };
  }, []);
}
