import { AsyncLocalStorage } from 'node:async_hooks';
import type { FallbackFace } from './fallback-fonts';

/**
 * What one document render needs beyond its data: the fallback faces its text calls for (found
 * before composing, so the composer embeds only those), and the characters no face holds. The
 * composer prints those as a marked blank (□) and notes them here; the caller turns them into
 * a warning shown before printing, and a journal entry. Printing never fails whole over a glyph.
 */
export interface RenderNotes {
  missing: Set<string>;
  faceOf: Map<string, FallbackFace>;
  faces: FallbackFace[];
}

const current = new AsyncLocalStorage<RenderNotes>();

export function renderNotes(): RenderNotes | undefined {
  return current.getStore();
}

export function noteMissing(ch: string): void {
  current.getStore()?.missing.add(ch);
}

export function withRenderNotes<T>(notes: RenderNotes, run: () => Promise<T>): Promise<T> {
  return current.run(notes, run);
}
