import type { Sql } from '../store/sql';

/**
 * E-licences the hall learns from outside its own cases (the province's licence library, a
 * training hall's demo holder), filed under their holder so `POST /v1/elicence-requests` finds
 * them. Licences issued in the hall come from its cases (core/routing.ts) without a holder.
 */
export interface HeldElicence {
  identifier: string;
  holderId: string;
  licenceType: string;
  validUntil: string | null;
  data: unknown;
}

export async function addElicence(sql: Sql, l: HeldElicence): Promise<void> {
  await sql.query(
    `INSERT INTO elicences (identifier, case_id, project_code, holder_id, licence_type, valid_until, document_number, data)
     VALUES ($1, NULL, NULL, $2, $3, $4, NULL, $5)
     ON CONFLICT (identifier) DO UPDATE SET holder_id = excluded.holder_id, licence_type = excluded.licence_type,
       valid_until = excluded.valid_until, data = excluded.data`,
    [l.identifier, l.holderId, l.licenceType, l.validUntil, JSON.stringify(l.data ?? null)],
  );
}
