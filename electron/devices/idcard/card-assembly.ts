/** From the read reply's bytes to a checked IdCard, decoding the photo when a plug-in exists. */
import { createHash } from 'node:crypto';
import { parseIdCard, toBase64, type IdCard } from '../../../shared/domain/idcard';
import type { PhotoDecoder } from './photo-decoder';
import { shanghaiDate } from '../../../shared/domain/time';

export interface ReadReplyParts {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint: Uint8Array | null;
}

/** Splits the data of a 30 01 / 30 10 reply: TL PL [FL] TEXT PHOTO [FP], lengths big-endian. */
export function splitReadReply(data: Uint8Array, withFingerprint: boolean): ReadReplyParts {
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) throw new RangeError('read reply shorter than its length header');
  const tl = (data[0]! << 8) | data[1]!;
  const pl = (data[2]! << 8) | data[3]!;
  const fl = withFingerprint ? (data[4]! << 8) | data[5]! : 0;
  if (data.length < header + tl + pl + fl)
    throw new RangeError(`read reply holds ${data.length} bytes, lengths say ${header + tl + pl + fl}`);
  const text = data.slice(header, header + tl);
  const photo = data.slice(header + tl, header + tl + pl);
  const fingerprint = withFingerprint ? data.slice(header + tl + pl, header + tl + pl + fl) : null;
  return { text, photo, fingerprint };
}

/** Today's Shanghai civil date (card expiry must not follow the PC's zone). */
export function localToday(now = new Date()): string {
  return shanghaiDate(now);
}

export async function assembleCard(
  parts: { text: Uint8Array; photo: Uint8Array; newAddress: Uint8Array | null },
  options: { today: string; photoDecoder?: PhotoDecoder | null; photoDecoderProblem?: string | null },
): Promise<IdCard> {
  let bmpBase64: string | null = null;
  let message: string | null = options.photoDecoderProblem ?? null;
  if (options.photoDecoder) {
    try {
      bmpBase64 = toBase64(await options.photoDecoder.decode(parts.photo));
    } catch (err) {
      message = `照片解码失败（${err instanceof Error ? err.message : String(err)}），请核对证件原件上的照片`;
    }
  }
  return parseIdCard(
    {
      text: parts.text,
      photo: {
        bytes: parts.photo.length,
        sha256: createHash('sha256').update(parts.photo).digest('hex'),
        wltBase64: toBase64(parts.photo),
        bmpBase64,
        message,
      },
      newAddress: parts.newAddress,
    },
    options.today,
  );
}
