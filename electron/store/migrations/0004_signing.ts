/** Leader signing keys (private halves encrypted under the leader's credential) and signatures. */
export default /* sql */ `
-- One active key per leader; re-provisioning revokes the old one but keeps it, because the
-- signatures it made must still verify against a key this workstation can vouch for.
-- The wraps are JSON (scrypt parameters, salt, AES-256-GCM iv, tag, ciphertext): the private
-- key never appears here in clear.
CREATE TABLE leader_keys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  public_key TEXT NOT NULL UNIQUE,
  encrypted_private_key TEXT NOT NULL,
  -- Unlock with ID card + PIN: a second wrap of the same key under the PIN, found by a hash of
  -- the leader's ID number (a look-up key, not a secret).
  pin_encrypted_private_key TEXT,
  id_number_hash TEXT,
  failed_unlocks INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE UNIQUE INDEX leader_keys_active_user ON leader_keys(user_id) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX leader_keys_active_id_number ON leader_keys(id_number_hash) WHERE revoked_at IS NULL AND id_number_hash IS NOT NULL;

-- Evidence: a row is written once, in the transaction that journals decision.signed.
CREATE TABLE signatures (
  id TEXT PRIMARY KEY,
  case_ref TEXT NOT NULL,
  content_json TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  document_sha256 TEXT NOT NULL,
  signature TEXT NOT NULL,
  public_key TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES leader_keys(id),
  signer_user_id TEXT NOT NULL REFERENCES users(id),
  signer_name TEXT NOT NULL,
  clerk_user_id TEXT,
  signed_at TEXT NOT NULL,
  image_blob TEXT REFERENCES blobs(sha256)
);
CREATE INDEX signatures_case ON signatures(case_ref);

CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
`;
