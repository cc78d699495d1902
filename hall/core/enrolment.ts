import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { ENROLMENT_ALPHABET, type EnrolResponse, type WindowAssignment } from '../../shared/protocol';
import type { Sql } from '../store/sql';
import { publish } from './feed';
import { issueBlock } from './numbers';

/**
 * Windows of the hall: one-time enrolment codes (only their hash is stored), the exchange of a
 * code for a workstation id and secret, revocation (effective on the next request: the
 * authenticator reads `revoked_at` every time) and the admin's role assignments.
 */
const CODE_DAYS = 7;

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

const codeHash = (code: string): string => createHash('sha256').update(normaliseCode(code)).digest('hex');

export async function issueEnrolmentCode(sql: Sql, a: WindowAssignment, now: Date): Promise<string> {
  let raw = '';
  for (let i = 0; i < 12; i++) raw += ENROLMENT_ALPHABET[randomInt(ENROLMENT_ALPHABET.length)];
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  await sql.query(
    'INSERT INTO enrolment_codes (code_hash, window_name, role, department, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      codeHash(code),
      a.windowName,
      a.role,
      a.role === 'back-office' ? a.department : null,
      now.toISOString(),
      new Date(now.getTime() + CODE_DAYS * 86_400_000).toISOString(),
    ],
  );
  await journal(sql, 'enrolment.code-issued', a.windowName, { role: a.role, department: a.department }, now);
  return code;
}

export interface HallIdentity {
  hallName: string;
  hallCode: string;
}

/** Spends the code, creates the window, gives it its first case-number block. Null: code not usable. */
export async function enrol(sql: Sql, code: string, hall: HallIdentity, now: Date): Promise<EnrolResponse | null> {
  const at = now.toISOString();
  return sql.transaction(async (tx) => {
    const [row] = await tx.query<{
      window_name: string;
      role: string;
      department: string | null;
      expires_at: string;
      used_at: string | null;
    }>('SELECT window_name, role, department, expires_at, used_at FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE', [codeHash(code)]);
    if (!row || row.used_at || row.expires_at < at) return null;
    const workstationId = `ws-${randomUUID()}`;
    const secret = randomBytes(32).toString('hex');
    await tx.query('UPDATE enrolment_codes SET used_at = $2, workstation_id = $3 WHERE code_hash = $1', [
      codeHash(code),
      at,
      workstationId,
    ]);
    await tx.query('INSERT INTO workstations (id, secret, window_name, role, department, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      workstationId,
      secret,
      row.window_name,
      row.role,
      row.department,
      at,
    ]);
    await publish(tx, [await issueBlock(tx, workstationId, hall.hallCode, now)], at);
    await tx.query('INSERT INTO hall_journal (type, subject, payload, actor, at) VALUES ($1, $2, $3, $4, $5)', [
      'window.enrolled',
      workstationId,
      JSON.stringify({ windowName: row.window_name, role: row.role }),
      'enrolment-code',
      at,
    ]);
    return {
      protocol: 1 as const,
      workstationId,
      secret,
      hallName: hall.hallName,
      hallCode: hall.hallCode,
      platformTime: now.getTime(),
      windowName: row.window_name,
      role: row.role as EnrolResponse['role'],
      department: row.department,
    };
  });
}

export async function revokeWindow(sql: Sql, workstationId: string, now: Date): Promise<boolean> {
  const rows = await sql.query('UPDATE workstations SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [
    workstationId,
    now.toISOString(),
  ]);
  if (rows.length > 0) await journal(sql, 'window.revoked', workstationId, {}, now);
  return rows.length > 0;
}

/** The admin sets a window's role (configures back offices and issuing windows); the window learns it from its feed. */
export async function assignWindow(sql: Sql, workstationId: string, a: WindowAssignment, now: Date): Promise<boolean> {
  const at = now.toISOString();
  return sql.transaction(async (tx) => {
    const rows = await tx.query('UPDATE workstations SET window_name = $2, role = $3, department = $4 WHERE id = $1 RETURNING id', [
      workstationId,
      a.windowName,
      a.role,
      a.role === 'back-office' ? a.department : null,
    ]);
    if (rows.length === 0) return false;
    await publish(
      tx,
      [
        {
          item: {
            kind: 'window-assignment',
            updatedAt: at,
            windowName: a.windowName,
            role: a.role,
            department: a.role === 'back-office' ? a.department : null,
          },
          workstation: workstationId,
        },
      ],
      at,
    );
    await tx.query('INSERT INTO hall_journal (type, subject, payload, actor, at) VALUES ($1, $2, $3, $4, $5)', [
      'window.assigned',
      workstationId,
      JSON.stringify(a),
      'hall-admin',
      at,
    ]);
    return true;
  });
}

async function journal(sql: Sql, type: string, subject: string, payload: unknown, now: Date): Promise<void> {
  await sql.query('INSERT INTO hall_journal (type, subject, payload, actor, at) VALUES ($1, $2, $3, $4, $5)', [
    type,
    subject,
    JSON.stringify(payload),
    'hall-admin',
    now.toISOString(),
  ]);
}

export interface WindowRow {
  id: string;
  window_name: string;
  role: string;
  department: string | null;
  enrolled_at: string;
  revoked_at: string | null;
  last_contact_at: string | null;
  queued: number | null;
  last_event_at: string | null;
  lag_ms: number | null;
}

export async function listWindows(sql: Sql): Promise<WindowRow[]> {
  return sql.query<WindowRow>(
    'SELECT id, window_name, role, department, enrolled_at, revoked_at, last_contact_at, queued, last_event_at, lag_ms FROM workstations ORDER BY window_name, id',
  );
}
