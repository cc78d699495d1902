import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { Fontkit } from 'pdf-lib/cjs/types/fontkit';
import { AppError } from '../../shared/api/errors';
import { resourcesDir } from './resources';

/**
 * AR PL SungtiL GB: a glyf-outline Song face (official notices are set in Song), licensed under
 * the Arphic Public License (resources/fonts/ARPHICPL.TXT). CFF-based CJK fonts produce broken
 * subsets with pdf-lib, which is why this older TrueType face is shipped.
 */
export const SONG_FONT_FILE = 'gbsn00lp.ttf';

let songBytes: Promise<Uint8Array> | undefined;

/** Read once per process: the file is 5 MB and every document needs it. */
export function loadSongFontBytes(): Promise<Uint8Array> {
  songBytes ??= readFile(join(resourcesDir(), 'fonts', SONG_FONT_FILE)).then(
    (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    (e: unknown) => {
      songBytes = undefined;
      throw new AppError('INTERNAL', '文书字体文件缺失或无法读取，请联系信息技术人员重新安装本程序', [
        { path: 'resources/fonts/' + SONG_FONT_FILE, message: String(e) },
      ]);
    },
  );
  return songBytes;
}

/**
 * Parsing the 5 MB face took a large share of each render, so the parsed font is kept and
 * handed to pdf-lib for every document (subsets are created per document from it).
 */
const parsed = new Map<Uint8Array, ReturnType<typeof fontkit.create>>();
export const cachingFontkit: Fontkit = {
  create(bytes: Uint8Array) {
    // Keyed by the byte array: the Song face and each fallback face are read once per process.
    let font = parsed.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      parsed.set(bytes, font);
    }
    return font;
  },
};

/** Code points the Song face holds: text outside it needs a fallback face. */
let songCharset: Promise<Set<number>> | undefined;
export function loadSongCharset(): Promise<Set<number>> {
  songCharset ??= loadSongFontBytes().then((bytes) => new Set(cachingFontkit.create(bytes).characterSet));
  return songCharset;
}

/** Embeds the Song face as a subset: only the glyphs a document uses end up in the PDF. */
export async function embedSongFont(doc: PDFDocument): Promise<PDFFont> {
  doc.registerFontkit(cachingFontkit);
  return doc.embedFont(await loadSongFontBytes(), { subset: true });
}
