import { shanghaiDateTime } from '../time';
import type { SignatureRecord } from './signature-record';

/**
 * The short line printed on 准予许可决定书 under the leader's name, e.g.
 * `SM2/SM3 6f1e0c2a9b4d7e3f 李局长 2025-03-01 10:22`. The 16 hex digits are the start of the
 * signed content hash, which anyone holding the document and the exported record can recompute;
 * the time is Beijing time, as on every document the centre issues.
 */
export function signatureReference(record: Pick<SignatureRecord, 'contentHash' | 'signer' | 'signedAt'>): string {
  return `SM2/SM3 ${record.contentHash.slice(0, 16)} ${record.signer.displayName} ${beijingMinute(record.signedAt)}`;
}

function beijingMinute(iso: string): string {
  return shanghaiDateTime(iso);
}
