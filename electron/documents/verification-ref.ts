import type { Db } from '../store/database';

/** Journal event types the print runner writes; they do not change what a document says. */
export const DOCUMENT_EVENT_PREFIX = 'document.';

/**
 * The payload of every document's QR code: `OW1:<caseNumber>:<16 hex>`, where the hex digits
 * start the hash of the case's latest journal event (prints excluded). The journal is hash-
 * chained and synced to the platform, so the platform can find that event and show the case as
 * it stood when the document was issued; a document printed from a case that later changed
 * carries an older reference and is seen to be superseded. "OW1" versions the format.
 */
export function verificationRefOf(db: Db, caseId: string, caseNumber: string): string {
  return verificationRefOfStream(db, `case:${caseId}`, caseNumber);
}

/** The same reference for a journal stream that is not a case (a pre-acceptance record). */
export function verificationRefOfStream(db: Db, stream: string, number: string): string {
  const row = db
    .prepare(`SELECT hash FROM journal WHERE stream = ? AND type NOT LIKE '${DOCUMENT_EVENT_PREFIX}%' ORDER BY seq DESC LIMIT 1`)
    .get(stream) as { hash: string } | undefined;
  return `OW1:${number}:${(row?.hash ?? '0'.repeat(64)).slice(0, 16)}`;
}

export function parseVerificationRef(ref: string): { caseNumber: string; journalHead: string } | undefined {
  const m = /^OW1:([0-9A-Za-z-]{4,40}):([0-9a-f]{16})$/.exec(ref);
  return m ? { caseNumber: m[1]!, journalHead: m[2]! } : undefined;
}
