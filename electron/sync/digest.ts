import { createHash } from 'node:crypto';
import type { Db } from '../store/database';

/**
 * A digest of a journal both sides can compute: the event ids and hashes in the workstation's
 * order. Equal digests mean the platform holds exactly the workstation's events, once each.
 */
export function journalDigestOf(events: Iterable<{ id: string; hash: string }>): { count: number; digest: string } {
  const h = createHash('sha256');
  let count = 0;
  for (const e of events) {
    h.update(`${e.id} ${e.hash}\n`);
    count++;
  }
  return { count, digest: h.digest('hex') };
}

export function localJournalDigest(db: Db): { count: number; digest: string } {
  return journalDigestOf(
    db.prepare('SELECT id, hash FROM journal ORDER BY seq').iterate() as IterableIterator<{ id: string; hash: string }>,
  );
}
