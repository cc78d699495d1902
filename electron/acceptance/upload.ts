/**
 * A file the clerk attaches to a material (a PDF from the applicant's USB stick, a photo).
 * Only PDF, JPEG and PNG are kept, checked by their first bytes as well as the declared type:
 * a renamed .exe must not become a "material" the departments open.
 */
import { AppError } from '../../shared/api/errors';
import { UPLOAD_MIME_TYPES } from '../../shared/api/acceptance';
import type { BlobRef, BlobStore } from '../store/blobs';

/** 30 MB a file: a 200 dpi colour scan of 60 pages; larger ones should be split or rescanned. */
export const DEFAULT_MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

type UploadMime = (typeof UPLOAD_MIME_TYPES)[number];

const MAGIC: Record<UploadMime, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
};

function isUploadMime(mime: string): mime is UploadMime {
  return (UPLOAD_MIME_TYPES as readonly string[]).includes(mime);
}

function decodedSize(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
}

export function storeUpload(
  blobs: BlobStore,
  input: { fileName: string; mime: string; dataBase64: string },
  maxBytes = DEFAULT_MAX_UPLOAD_BYTES,
): BlobRef {
  const mime = input.mime.toLowerCase();
  if (!isUploadMime(mime)) {
    throw new AppError('VALIDATION', `“${input.fileName}”的格式不支持：材料只接收 PDF、JPG 或 PNG 文件，请另存为其中一种格式后再上传`);
  }
  const data = input.dataBase64.replace(/\s+/g, '');
  if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
    throw new AppError('VALIDATION', `“${input.fileName}”的内容传输不完整，请重新选择文件上传`);
  }
  // Judged before decoding: an oversized upload is refused without holding it twice in memory.
  const size = decodedSize(data);
  if (size > maxBytes) {
    throw new AppError(
      'TOO_LARGE',
      `“${input.fileName}”有 ${megabytes(size)}，单个文件不能超过 ${megabytes(maxBytes)}：请降低扫描分辨率（200 dpi 即可）或分成几份上传`,
    );
  }
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  if (bytes.byteLength === 0) throw new AppError('VALIDATION', `“${input.fileName}”是空文件，请重新选择`);
  const magic = MAGIC[mime];
  if (!magic.every((b, i) => bytes[i] === b)) {
    throw new AppError('VALIDATION', `“${input.fileName}”的内容与其类型（${mime}）不符，可能已损坏或被改了扩展名：请重新扫描或导出后上传`);
  }
  return blobs.put(bytes, mime);
}
