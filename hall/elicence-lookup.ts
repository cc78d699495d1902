import type { FeedItem } from '../electron/sync/wire';
import type { SqlRunner } from './store/sql';

/**
 * `POST /v1/elicence-requests` (protocol section 5): the e-licences the hall holds for a holder,
 * queued on the asking window's feed. Only licences filed under a holder (store of the province's
 * licence library) are found; the hall keeps no holder ID numbers of its own cases.
 */
export async function elicencesOfHolder(tx: SqlRunner, holderId: string): Promise<FeedItem[]> {
  const rows = await tx.query<{
    identifier: string;
    holder_id: string;
    licence_type: string | null;
    valid_until: string | null;
    data: string;
  }>('SELECT identifier, holder_id, licence_type, valid_until, data FROM elicences WHERE holder_id = $1 ORDER BY identifier', [holderId]);
  return rows.map((r) => ({
    kind: 'elicence',
    identifier: r.identifier,
    holderId: r.holder_id,
    licenceType: r.licence_type ?? '电子证照',
    validUntil: r.valid_until,
    data: parseData(r.data),
  }));
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
