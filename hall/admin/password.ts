import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../store/sql';

/**
 * The hall admin password: set on first start (random, printed once by `npm run hall`), kept
 * only as a scrypt hash in hall_settings. `npm run hall -- reset-admin-password` sets a new one.
 */
const KEY = 'admin.password';

export async function ensureAdminPassword(sql: Sql): Promise<string | null> {
  const [row] = await sql.query<{ value: string }>('SELECT value FROM hall_settings WHERE key = $1', [KEY]);
  if (row) return null;
  return setAdminPassword(sql);
}

export async function setAdminPassword(sql: Sql, password = randomBytes(9).toString('base64url')): Promise<string> {
  const salt = randomBytes(16).toString('hex');
  const hash = scryptSync(password, salt, 32).toString('hex');
  await sql.query('INSERT INTO hall_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    KEY,
    `${salt}:${hash}`,
  ]);
  return password;
}

export async function adminPasswordMatches(sql: Sql, password: string): Promise<boolean> {
  const [row] = await sql.query<{ value: string }>('SELECT value FROM hall_settings WHERE key = $1', [KEY]);
  const [salt, hash] = (row?.value ?? ':').split(':');
  if (!salt || !hash) return false;
  const given = scryptSync(password, salt, 32);
  return timingSafeEqual(given, Buffer.from(hash, 'hex'));
}
