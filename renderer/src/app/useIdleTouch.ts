import { useEffect } from 'react';
import { useTouchSession } from '../api/queries/session';

/** Tells the Node side the clerk is active, at most once a minute, so the idle lock stays away. */
export function useIdleTouch(): void {
  const { mutate: touch } = useTouchSession();
  useEffect(() => {
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < 60_000) return;
      last = now;
      // A failed touch is harmless: the next activity tries again, the lock is the worst case.
      touch({});
    };
    window.addEventListener('keydown', onActivity);
    window.addEventListener('pointerdown', onActivity);
    return () => {
      window.removeEventListener('keydown', onActivity);
      window.removeEventListener('pointerdown', onActivity);
    };
  }, [touch]);
}
