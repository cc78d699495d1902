/**
 * The card photo is an encrypted WLT blob that only a vendor library can turn into a bitmap.
 * A plug-in is an ES module that exports `createPhotoDecoder(): PhotoDecoder | Promise<...>`
 * (or a default export of the same); the workstation setting names its path.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';

export interface PhotoDecoder {
  /** Returns a BMP (102 x 126, 24-bit) for the 1024-byte WLT photo. */
  decode(wlt: Uint8Array): Promise<Uint8Array>;
}

export class PhotoDecoderLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhotoDecoderLoadError';
  }
}

function isPhotoDecoder(value: unknown): value is PhotoDecoder {
  return typeof value === 'object' && value !== null && typeof (value as { decode?: unknown }).decode === 'function';
}

export async function loadPhotoDecoder(modulePath: string): Promise<PhotoDecoder> {
  const url = isAbsolute(modulePath) || modulePath.startsWith('.') ? pathToFileURL(resolve(modulePath)).href : modulePath;
  let mod: unknown;
  try {
    mod = await import(url);
  } catch (err) {
    throw new PhotoDecoderLoadError(
      `无法加载身份证照片解码插件 ${modulePath}（${err instanceof Error ? err.message : String(err)}），请联系信息科检查配置`,
    );
  }
  const exports = (typeof mod === 'object' && mod !== null ? mod : {}) as { createPhotoDecoder?: unknown; default?: unknown };
  const factory = exports.createPhotoDecoder ?? exports.default;
  const decoder: unknown = typeof factory === 'function' ? await (factory as () => unknown)() : factory;
  if (!isPhotoDecoder(decoder)) {
    throw new PhotoDecoderLoadError(`身份证照片解码插件 ${modulePath} 没有提供 decode 方法，请联系信息科检查插件版本`);
  }
  return decoder;
}
