import { useEffect, useRef } from 'react';

/** Keys from a scanner arrive closer together, on average, than any person types. */
export const WEDGE_MAX_MEAN_GAP_MS = 40;
/** A single late key (a busy event loop) does not break a burst; a real pause does. */
export const WEDGE_MAX_GAP_MS = 300;
/** A burst starts tight: a key followed by a person-sized pause is typed, not scanned. */
export const WEDGE_START_GAP_MS = 100;
export const WEDGE_MIN_LENGTH = 6;

interface Key {
  char: string;
  at: number;
  /** The field the key was typed into and its value just before it. */
  field: HTMLInputElement | HTMLTextAreaElement | null;
  before: string;
}

function editable(target: EventTarget | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file', 'range', 'color'].includes(target.type)) return target;
  return null;
}

/** Puts a controlled field back as it was: the native setter plus an input event, so React sees it. */
function restore(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * The scanned part of the keys before an Enter: the longest run at the end whose mean gap is a
 * scanner's. A person who typed a little just before scanning keeps what they typed.
 */
export function scannedRun<T extends { at: number }>(keys: readonly T[], enterAt: number): T[] | null {
  let first = 0;
  for (let i = 1; i < keys.length; i++) if (keys[i]!.at - keys[i - 1]!.at > WEDGE_MAX_GAP_MS) first = i;
  if (keys.length > 0 && enterAt - keys[keys.length - 1]!.at > WEDGE_MAX_GAP_MS) return null;
  for (let start = first; start <= keys.length - WEDGE_MIN_LENGTH; start++) {
    if (keys[start + 1]!.at - keys[start]!.at > WEDGE_START_GAP_MS) continue;
    const run = keys.slice(start);
    const span = enterAt - run[0]!.at;
    if (span / run.length < WEDGE_MAX_MEAN_GAP_MS) return run;
  }
  return null;
}

/**
 * A handheld barcode scanner types the case number as a fast burst ending in Enter (keyboard
 * wedge). Anywhere in the app — even with the cursor in a form field — such a burst opens the
 * case; if it landed in a field, the typed characters are taken back out so no form is polluted
 * and the Enter does not submit it.
 */
export function useBarcodeWedge(onScan: (code: string) => void, enabled = true): void {
  const keys = useRef<Key[]>([]);
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const now = e.timeStamp || performance.now();
      const last = keys.current[keys.current.length - 1];
      if (last && now - last.at > WEDGE_MAX_GAP_MS) keys.current = [];
      if (e.key === 'Enter') {
        const run = scannedRun(keys.current, now);
        keys.current = [];
        if (!run) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        const first = run[0]!;
        if (first.field && first.field.value !== first.before) restore(first.field, first.before);
        handler.current(run.map((k) => k.char).join(''));
        return;
      }
      if (e.key.length !== 1 || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) {
        if (e.key !== 'Shift') keys.current = [];
        return;
      }
      const field = editable(e.target);
      keys.current.push({ char: e.key, at: now, field, before: field?.value ?? '' });
      if (keys.current.length > 64) keys.current.shift();
    };
    // Capture phase: the burst is seen before any field or form handles the Enter.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
