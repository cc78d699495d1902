/**
 * Fallback faces for characters the Song face (GB 2312) lacks: rare given-name and place-name
 * characters (䶮 Ext A, 𠮷 Ext B, 𪚥 Ext B ...) and the rest of GB 18030-2022.
 *
 * Decision (docs/documents.md, resources/fonts/README.md): the faces are NOT committed. They are
 * loaded from the Debian packages' paths, which the .deb depends on (fonts-babelstone-han,
 * fonts-cns11643-sung); the Windows build copies the same files into resources/fonts/fallback
 * through electron-builder extraResources. BabelStone Han covers the BMP and Extensions A–G and
 * subsets cleanly with pdf-lib; TW-Sung-Ext-B is a second chance for Extension B. HanaMin is
 * never used: its subsets have broken outlines.
 *
 * Each face is read and parsed once per process, lazily, only when a document's text needs a
 * character the Song face lacks; it is embedded as a subset, so a PDF without rare characters
 * carries no fallback glyphs at all.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resourcesDir } from './resources';

export interface FallbackFace {
  name: string;
  bytes: Uint8Array;
  charset: Set<number>;
}

/** In order of preference; the first existing path of each face is used. */
export function fallbackFaceCandidates(env: NodeJS.ProcessEnv = process.env): { name: string; paths: string[] }[] {
  const bundled = join(resourcesDir(env), 'fonts', 'fallback');
  const extra = env['ONEWINDOW_FALLBACK_FONT_DIR'];
  const at = (file: string, system: string) => [...(extra ? [join(extra, file)] : []), join(bundled, file), system];
  return [
    { name: 'BabelStone Han', paths: at('BabelStoneHan.ttf', '/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf') },
    { name: 'TW-Sung-Ext-B', paths: at('TW-Sung-Ext-B-98_1.ttf', '/usr/share/fonts/truetype/cns11643/TW-Sung-Ext-B-98_1.ttf') },
  ];
}

type Parse = (bytes: Uint8Array) => { characterSet: number[] };

const loaded = new Map<string, Promise<FallbackFace | undefined>>();

async function loadFace(candidate: { name: string; paths: string[] }, parse: Parse): Promise<FallbackFace | undefined> {
  const path = candidate.paths.find((p) => existsSync(p));
  if (!path) return undefined;
  const b = await readFile(path);
  const bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return { name: candidate.name, bytes, charset: new Set(parse(bytes).characterSet) };
}

/**
 * The faces needed for `chars` (code points the Song face lacks), loading each only when the
 * faces before it leave something uncovered. Returns which face draws which character and what
 * no face holds.
 */
export async function fallbackFor(
  chars: ReadonlySet<string>,
  parse: Parse,
): Promise<{ faces: FallbackFace[]; faceOf: Map<string, FallbackFace>; missing: Set<string> }> {
  const faceOf = new Map<string, FallbackFace>();
  const faces: FallbackFace[] = [];
  let left = new Set(chars);
  for (const candidate of fallbackFaceCandidates()) {
    if (left.size === 0) break;
    let face = loaded.get(candidate.name);
    if (!face) {
      face = loadFace(candidate, parse).catch(() => undefined);
      loaded.set(candidate.name, face);
    }
    const f = await face;
    if (!f) continue;
    const still = new Set<string>();
    for (const ch of left) {
      if (f.charset.has(ch.codePointAt(0)!)) faceOf.set(ch, f);
      else still.add(ch);
    }
    if (still.size < left.size) faces.push(f);
    left = still;
  }
  return { faces, faceOf, missing: left };
}
