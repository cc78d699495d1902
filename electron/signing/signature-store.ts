import { randomUUID } from 'node:crypto';
import {
  DecisionContent,
  OID_SM2,
  OID_SM2_WITH_SM3,
  OID_SM3,
  SIGNATURE_FORMAT,
  DEFAULT_SM2_USER_ID,
  type SignatureRecord,
} from '../../shared/domain/signing';
import { UNKNOWN_WINDOW, windowNameOf } from '../hall/window-names';
import type { Db } from '../store/database';
import { appendEvents } from '../store/journal';

interface SignatureRow {
  id: string;
  case_ref: string;
  content_json: string;
  content_hash: string;
  document_sha256: string;
  signature: string;
  public_key: string;
  key_id: string;
  signer_user_id: string;
  signer_name: string;
  clerk_user_id: string | null;
  signed_at: string;
  image_blob: string | null;
}

export interface StoredSignature {
  record: SignatureRecord;
  keyId: string;
  clerkUserId: string | null;
  /** As stored: parsing may fail if someone edited the row, which verification then reports. */
  contentJson: string;
  /**
   * Set when the signature was made at another window of the hall and copied here from its
   * `decision.signed` event (hall_signatures): no leader key of this workstation signed it.
   */
  hall: { windowName: string; contentJournaled: boolean } | null;
}

export interface NewSignature {
  caseRef: string;
  content: DecisionContent;
  contentHash: string;
  documentSha256: string;
  signatureDer: Buffer;
  publicKey: string;
  keyId: string;
  signer: { userId: string; displayName: string };
  clerkUserId: string;
  signedAt: string;
  signatureImageSha256: string | null;
}

function toStored(row: SignatureRow): StoredSignature {
  return {
    record: {
      format: SIGNATURE_FORMAT,
      signatureId: row.id,
      caseRef: row.case_ref,
      algorithm: OID_SM2_WITH_SM3,
      publicKeyAlgorithm: OID_SM2,
      digestAlgorithm: OID_SM3,
      sm2UserId: DEFAULT_SM2_USER_ID,
      publicKey: row.public_key,
      signatureDer: row.signature,
      contentHash: row.content_hash,
      documentSha256: row.document_sha256,
      signer: { userId: row.signer_user_id, displayName: row.signer_name },
      signedAt: row.signed_at,
      signatureImageSha256: row.image_blob,
    },
    keyId: row.key_id,
    clerkUserId: row.clerk_user_id,
    contentJson: row.content_json,
    hall: null,
  };
}

interface HallSignatureRow extends Omit<SignatureRow, 'key_id' | 'content_json' | 'signer_name'> {
  content_json: string | null;
  signer_name: string | null;
  workstation_id: string | null;
}

function fromHall(db: Db, row: HallSignatureRow): StoredSignature {
  const windowName = windowNameOf(db, row.workstation_id) ?? UNKNOWN_WINDOW;
  const stored = toStored({
    ...row,
    key_id: '',
    content_json: row.content_json ?? '',
    signer_name: row.signer_name ?? `${windowName}的领导`,
  });
  return { ...stored, hall: { windowName, contentJournaled: row.content_json !== null } };
}

/** Parses stored content; undefined when the row no longer holds a valid decision. */
export function storedContent(s: StoredSignature): DecisionContent | undefined {
  try {
    const parsed = DecisionContent.safeParse(JSON.parse(s.contentJson));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class SignatureRepository {
  constructor(private readonly db: Db) {}

  /** A signature made here, else one another window of the hall made (replicated). */
  byId(id: string): StoredSignature | undefined {
    const row = this.db.prepare('SELECT * FROM signatures WHERE id = ?').get(id) as SignatureRow | undefined;
    if (row) return toStored(row);
    const copied = this.db.prepare('SELECT * FROM hall_signatures WHERE id = ?').get(id) as HallSignatureRow | undefined;
    return copied && fromHall(this.db, copied);
  }

  forCase(caseRef: string): StoredSignature[] {
    const own = (this.db.prepare('SELECT * FROM signatures WHERE case_ref = ? ORDER BY signed_at').all(caseRef) as SignatureRow[]).map(
      toStored,
    );
    const copied = (
      this.db.prepare('SELECT * FROM hall_signatures WHERE case_ref = ? ORDER BY signed_at').all(caseRef) as HallSignatureRow[]
    ).map((r) => fromHall(this.db, r));
    return [...own, ...copied].sort((a, b) => (a.record.signedAt < b.record.signedAt ? -1 : a.record.signedAt > b.record.signedAt ? 1 : 0));
  }

  /**
   * Stores the signatures and journals one `decision.signed` per case, all in one transaction:
   * a batch is signed completely or not at all.
   */
  insertAll(items: readonly NewSignature[]): SignatureRecord[] {
    const insert = this.db.prepare(
      `INSERT INTO signatures (id, case_ref, content_json, content_hash, document_sha256, signature, public_key, key_id, signer_user_id, signer_name, clerk_user_id, signed_at, image_blob)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ids: string[] = [];
    this.db.transaction(() => {
      for (const s of items) {
        const id = randomUUID();
        const signatureDer = s.signatureDer.toString('base64');
        insert.run(
          id,
          s.caseRef,
          JSON.stringify(s.content),
          s.contentHash,
          s.documentSha256,
          signatureDer,
          s.publicKey,
          s.keyId,
          s.signer.userId,
          s.signer.displayName,
          s.clerkUserId,
          s.signedAt,
          s.signatureImageSha256,
        );
        appendEvents(this.db, [
          {
            stream: `case:${s.caseRef}`,
            type: 'decision.signed',
            // Everything a verifier needs, never the private key.
            payload: {
              signatureId: id,
              algorithm: OID_SM2_WITH_SM3,
              contentHash: s.contentHash,
              documentSha256: s.documentSha256,
              signatureDer,
              publicKey: s.publicKey,
              signerUserId: s.signer.userId,
              clerkUserId: s.clerkUserId,
              signatureImageSha256: s.signatureImageSha256,
              // For the other windows of a hall, which verify and print it without this row.
              content: s.content,
              signerName: s.signer.displayName,
            },
            actor: s.signer.userId,
            at: s.signedAt,
          },
        ]);
        ids.push(id);
      }
    })();
    return ids.map((id) => this.byId(id)!.record);
  }
}
