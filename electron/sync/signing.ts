import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Request and response signatures (protocol v1): HMAC-SHA256 with the provisioned secret over
 * a canonical string. Responses are signed over the request's nonce, so a stale or duplicated
 * response can never be taken as the acknowledgement of another request.
 */
export const SIGNATURE_SCHEME = 'OW1-HMAC-SHA256';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export interface RequestToSign {
  workstationId: string;
  method: string;
  /** Path with query string, exactly as sent. */
  path: string;
  timestamp: number;
  nonce: string;
  bodySha256: string;
}

export function requestCanonical(r: RequestToSign): string {
  return [SIGNATURE_SCHEME, r.workstationId, r.method.toUpperCase(), r.path, String(r.timestamp), r.nonce, r.bodySha256].join('\n');
}

export interface ResponseToSign {
  nonce: string;
  status: number;
  platformTime: number;
  bodySha256: string;
}

export function responseCanonical(r: ResponseToSign): string {
  return [SIGNATURE_SCHEME, 'response', r.nonce, String(r.status), String(r.platformTime), r.bodySha256].join('\n');
}

export function hmac(secret: string, canonical: string): string {
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

export function signatureMatches(secret: string, canonical: string, signature: string): boolean {
  const expected = Buffer.from(hmac(secret, canonical), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
