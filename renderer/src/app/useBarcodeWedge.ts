import { useEffect, useRef } from 'react';
import { DEFAULT_WEDGE_RULES, PATTERN_PAUSE_MS, decideScan, type WedgeRules } from './wedge-rules';

export { scannedRun } from './wedge-rules';

interface Key {
  char: string;
  at: number;
  /** The field the key was typed into and its value just before it. */
  field: HTMLInputElement | HTMLTextAreaElement | null;
  before: string;
}

function editable(target: EventTarget | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file', 'range', 'color'].includes(target.type))
    return target;
  return null;
}

/** Puts a controlled field back as it was: the native setter plus an input event, so React sees it. */
function restore(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A handheld barcode scanner types the case number as a fast burst ending in Enter (keyboard
 * wedge). Anywhere in the app — even with the cursor in a form field — such a burst opens the
 * case; if it landed in a field, the typed characters are taken back out so no form is polluted
 * and the Enter does not submit it.
 */
export function useBarcodeWedge(onScan: (code: string) => void, enabled = true, rules: WedgeRules = DEFAULT_WEDGE_RULES): void {
  const keys = useRef<Key[]>([]);
  const handler = useRef(onScan);
  handler.current = onScan;
  const rulesRef = useRef(rules);
  rulesRef.current = rules;

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const now = e.timeStamp || performance.now();
      const last = keys.current[keys.current.length - 1];
      // A person's pause ends any code; the prefix rule keeps keys across a busy PC's stalls.
      if (last && now - last.at > PATTERN_PAUSE_MS && rulesRef.current.prefix === '') keys.current = [];
      if (e.key === rulesRef.current.suffix) {
        const scan = decideScan(keys.current, now, rulesRef.current);
        keys.current = [];
        if (!scan) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        const first = scan.keys[0]!;
        if (first.field && first.field.value !== first.before) restore(first.field, first.before);
        handler.current(scan.code);
        return;
      }
      if (e.key.length !== 1 || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) {
        if (e.key !== 'Shift') keys.current = [];
        return;
      }
      const field = editable(e.target);
      keys.current.push({ char: e.key, at: now, field, before: field?.value ?? '' });
      if (keys.current.length > 128) keys.current.shift();
    };
    // Capture phase: the burst is seen before any field or form handles the Enter.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
