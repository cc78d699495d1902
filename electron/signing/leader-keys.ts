import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import { WrappedKey } from './key-wrap';

export interface LeaderKey {
  id: string;
  userId: string;
  publicKey: string;
  passwordWrap: WrappedKey;
  pinWrap: WrappedKey | null;
  idNumberHash: string | null;
  failedUnlocks: number;
  createdAt: string;
  revokedAt: string | null;
}

interface LeaderKeyRow {
  id: string;
  user_id: string;
  public_key: string;
  encrypted_private_key: string;
  pin_encrypted_private_key: string | null;
  id_number_hash: string | null;
  failed_unlocks: number;
  created_at: string;
  revoked_at: string | null;
}

function toKey(row: LeaderKeyRow): LeaderKey {
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: row.public_key,
    passwordWrap: WrappedKey.parse(JSON.parse(row.encrypted_private_key)),
    pinWrap: row.pin_encrypted_private_key === null ? null : WrappedKey.parse(JSON.parse(row.pin_encrypted_private_key)),
    idNumberHash: row.id_number_hash,
    failedUnlocks: row.failed_unlocks,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** ID numbers are not stored for this: only a hash to find the key when a card is read. */
export function idNumberHash(idNumber: string): string {
  return createHash('sha256').update(`onewindow-leader-id/1|${idNumber.trim().toUpperCase()}`).digest('hex');
}

/**
 * Callers run the writes inside their own transaction, with the journal event. A unique index
 * keeps one ID card from opening two active keys; callers check first to say so in Chinese.
 */
export class LeaderKeyRepository {
  constructor(private readonly db: Db) {}

  activeFor(userId: string): LeaderKey | undefined {
    const row = this.db.prepare('SELECT * FROM leader_keys WHERE user_id = ? AND revoked_at IS NULL').get(userId) as
      LeaderKeyRow | undefined;
    return row && toKey(row);
  }

  activeForIdNumber(idNumber: string): LeaderKey | undefined {
    const row = this.db.prepare('SELECT * FROM leader_keys WHERE id_number_hash = ? AND revoked_at IS NULL').get(idNumberHash(idNumber)) as
      LeaderKeyRow | undefined;
    return row && toKey(row);
  }

  byId(id: string): LeaderKey | undefined {
    const row = this.db.prepare('SELECT * FROM leader_keys WHERE id = ?').get(id) as LeaderKeyRow | undefined;
    return row && toKey(row);
  }

  byPublicKey(publicKey: string): LeaderKey | undefined {
    const row = this.db.prepare('SELECT * FROM leader_keys WHERE public_key = ?').get(publicKey) as LeaderKeyRow | undefined;
    return row && toKey(row);
  }

  listActive(): LeaderKey[] {
    return (this.db.prepare('SELECT * FROM leader_keys WHERE revoked_at IS NULL ORDER BY created_at').all() as LeaderKeyRow[]).map(toKey);
  }

  /** Revokes the user's active key (if any) and inserts the new one. */
  replace(
    input: { userId: string; publicKey: string; passwordWrap: WrappedKey; pinWrap: WrappedKey | null; idNumber: string | null },
    at: string,
  ): LeaderKey {
    const id = randomUUID();
    this.db.prepare('UPDATE leader_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(at, input.userId);
    this.db
      .prepare(
        'INSERT INTO leader_keys (id, user_id, public_key, encrypted_private_key, pin_encrypted_private_key, id_number_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        input.userId,
        input.publicKey,
        JSON.stringify(input.passwordWrap),
        input.pinWrap && JSON.stringify(input.pinWrap),
        input.idNumber === null ? null : idNumberHash(input.idNumber),
        at,
      );
    return this.byId(id)!;
  }

  setPin(keyId: string, pinWrap: WrappedKey, idNumber: string): void {
    this.db
      .prepare('UPDATE leader_keys SET pin_encrypted_private_key = ?, id_number_hash = ? WHERE id = ?')
      .run(JSON.stringify(pinWrap), idNumberHash(idNumber), keyId);
  }

  setPasswordWrap(keyId: string, wrap: WrappedKey): void {
    this.db.prepare('UPDATE leader_keys SET encrypted_private_key = ? WHERE id = ?').run(JSON.stringify(wrap), keyId);
  }

  recordFailedUnlock(keyId: string): number {
    this.db.prepare('UPDATE leader_keys SET failed_unlocks = failed_unlocks + 1 WHERE id = ?').run(keyId);
    return this.byId(keyId)?.failedUnlocks ?? 0;
  }

  resetFailedUnlocks(keyId: string): void {
    this.db.prepare('UPDATE leader_keys SET failed_unlocks = 0 WHERE id = ?').run(keyId);
  }
}
