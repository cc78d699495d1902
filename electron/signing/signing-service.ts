import type { LeaderKeyView, SignItem, VerifyResult } from '../../shared/api/signing';
import { assertLeaderMaySign } from '../cases/department-scope';
import { MAX_SIGNATURE_IMAGE_BYTES } from '../../shared/api/signing';
import { AppError } from '../../shared/api/errors';
import type { UserView } from '../../shared/api/session';
import { signatureReference, type DecisionContent, type ExportedSignature, type SignatureRecord } from '../../shared/domain/signing';
import { verifyPassword } from '../session/passwords';
import type { StoredUser, UserRepository } from '../session/users';
import type { BlobStore } from '../store/blobs';
import type { Db } from '../store/database';
import { appendEvents } from '../store/journal';
import { unwrapPrivateKey, wrapAad, wrapPrivateKey, type KdfParams, DEFAULT_KDF } from './key-wrap';
import { LeaderKeyRepository, type LeaderKey } from './leader-keys';
import { SignatureRepository, storedContent } from './signature-store';
import { generateSm2KeyPair, publicKeyPem, sm2Sign, sm3Hex } from './sm2';
import { SigningTickets, type TicketHolder } from './tickets';
import { contentHashOf, verifyRecord } from './verify';

/** Wrong passwords or PINs in a row before a key needs re-provisioning by an administrator. */
export const MAX_FAILED_UNLOCKS = 5;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface SigningServiceDeps {
  db: Db;
  users: UserRepository;
  blobs: BlobStore;
  now: () => Date;
  /** Lower only in tests: the production cost is what protects a stolen database. */
  kdf?: KdfParams;
}

export interface SignedDecision {
  signatureId: string;
  caseRef: string;
  reference: string;
  record: SignatureRecord;
}

export function fingerprintOf(publicKeyHex: string): string {
  return (sm3Hex(Buffer.from(publicKeyHex, 'hex')).slice(0, 16).match(/.{4}/g) ?? []).join(' ');
}

/**
 * Leader keys, step-up tickets, signing and verification. The private key exists in clear only
 * inside a live ticket, after the leader typed the credential that decrypts it.
 */
export class SigningService {
  readonly keys: LeaderKeyRepository;
  readonly signatures: SignatureRepository;
  private readonly tickets: SigningTickets;
  private readonly kdf: KdfParams;

  constructor(private readonly deps: SigningServiceDeps) {
    this.keys = new LeaderKeyRepository(deps.db);
    this.signatures = new SignatureRepository(deps.db);
    this.tickets = new SigningTickets(() => deps.now().getTime());
    this.kdf = deps.kdf ?? DEFAULT_KDF;
  }

  /** With the leader present: they type their login password, under which the key is sealed. */
  async provisionKey(
    input: { userId: string; credential: string; idNumber?: string | undefined; pin?: string | undefined },
    actor: string,
  ): Promise<LeaderKeyView> {
    const user = this.deps.users.byId(input.userId);
    if (!user) throw new AppError('NOT_FOUND', '没有这个用户，请刷新用户列表后重试');
    if (user.role !== 'leader')
      throw new AppError('FORBIDDEN', `${user.displayName} 不是部门领导，不能配置签名密钥：请先将其角色设为部门领导`);
    if (user.disabled) throw new AppError('FORBIDDEN', '该账号已停用，不能配置签名密钥');
    if (!(await verifyPassword(input.credential, user.passwordHash))) {
      throw new AppError('UNAUTHENTICATED', '领导的登录密码不正确：请领导本人重新输入');
    }
    if (input.pin !== undefined) assertPinNotTrivial(input.pin);
    if (input.idNumber !== undefined) this.assertCardFree(input.idNumber, user.id);
    const pair = generateSm2KeyPair();
    const privateKey = Buffer.from(pair.privateKey, 'hex');
    try {
      const aad = wrapAad(user.id, pair.publicKey);
      const passwordWrap = await wrapPrivateKey(privateKey, input.credential, aad, this.kdf);
      const pinWrap = input.pin !== undefined ? await wrapPrivateKey(privateKey, input.pin, aad, this.kdf) : null;
      const at = this.deps.now().toISOString();
      const key = this.deps.db.transaction(() => {
        const previous = this.keys.activeFor(user.id);
        const created = this.keys.replace(
          { userId: user.id, publicKey: pair.publicKey, passwordWrap, pinWrap, idNumber: input.idNumber ?? null },
          at,
        );
        appendEvents(this.deps.db, [
          {
            stream: 'workstation',
            type: 'signing.key-provisioned',
            payload: {
              userId: user.id,
              keyId: created.id,
              publicKey: created.publicKey,
              replacedKeyId: previous?.id ?? null,
              withPin: pinWrap !== null,
            },
            actor,
            at,
          },
        ]);
        return created;
      })();
      return this.view(key, user);
    } finally {
      privateKey.fill(0);
    }
  }

  async setPin(leader: UserView, input: { credential: string; idNumber: string; pin: string }): Promise<LeaderKeyView> {
    const key = this.keys.activeFor(leader.id);
    if (!key) throw new AppError('NOT_FOUND', '您还没有签名密钥，请系统管理员在您在场时配置');
    assertUnlockAllowed(key);
    assertPinNotTrivial(input.pin);
    this.assertCardFree(input.idNumber, leader.id);
    const privateKey = await this.unlock(key, key.passwordWrap, input.credential, '登录密码不正确，未设置 PIN，请重新输入');
    try {
      const pinWrap = await wrapPrivateKey(privateKey, input.pin, wrapAad(key.userId, key.publicKey), this.kdf);
      this.deps.db.transaction(() => {
        this.keys.setPin(key.id, pinWrap, input.idNumber);
        appendEvents(this.deps.db, [
          {
            stream: 'workstation',
            type: 'signing.pin-set',
            payload: { userId: leader.id, keyId: key.id },
            actor: leader.id,
            at: this.deps.now().toISOString(),
          },
        ]);
      })();
    } finally {
      privateKey.fill(0);
    }
    return this.view(this.keys.byId(key.id)!, this.deps.users.byId(leader.id)!);
  }

  /**
   * Re-seals the password copy of a leader's key after a password change; call it from the
   * password-change path with both passwords. Does nothing when the user has no key, and
   * leaves the key alone when the old password does not open it.
   */
  async rewrapPassword(userId: string, oldPassword: string, newPassword: string): Promise<boolean> {
    const key = this.keys.activeFor(userId);
    if (!key) return false;
    const privateKey = await unwrapPrivateKey(key.passwordWrap, oldPassword, wrapAad(key.userId, key.publicKey));
    if (!privateKey) return false;
    try {
      const wrap = await wrapPrivateKey(privateKey, newPassword, wrapAad(key.userId, key.publicKey), this.kdf);
      this.keys.setPasswordWrap(key.id, wrap);
      return true;
    } finally {
      privateKey.fill(0);
    }
  }

  listKeys(): LeaderKeyView[] {
    return this.keys.listActive().flatMap((k) => {
      const user = this.deps.users.byId(k.userId);
      return user ? [this.view(k, user)] : [];
    });
  }

  async authenticate(input: { username: string; password: string } | { idNumber: string; pin: string }, clerk: UserView) {
    let user: StoredUser | undefined;
    let key: LeaderKey | undefined;
    let privateKey: Buffer;
    if ('username' in input) {
      user = this.deps.users.byUsername(input.username);
      if (!user) throw new AppError('UNAUTHENTICATED', '用户名或密码不正确，请领导重新输入');
      this.assertLeader(user);
      key = this.keys.activeFor(user.id);
      if (!key) throw new AppError('NOT_FOUND', `${user.displayName} 尚未配置签名密钥：请系统管理员在领导在场时配置`);
      assertUnlockAllowed(key);
      const unlocked = await unwrapPrivateKey(key.passwordWrap, input.password, wrapAad(key.userId, key.publicKey));
      if (!unlocked) {
        const failures = this.keys.recordFailedUnlock(key.id);
        if (failures >= MAX_FAILED_UNLOCKS) throw lockedError();
        // The login password may have changed since the key was sealed with the old one.
        if (await verifyPassword(input.password, user.passwordHash)) {
          throw new AppError('UNAUTHENTICATED', '签名密钥仍由修改前的登录密码保护：请用身份证加 PIN 签名，或请系统管理员重新配置签名密钥');
        }
        throw new AppError('UNAUTHENTICATED', `密码不正确，请领导重新输入（还可尝试 ${MAX_FAILED_UNLOCKS - failures} 次）`);
      }
      privateKey = unlocked;
    } else {
      key = this.keys.activeForIdNumber(input.idNumber);
      if (!key || !key.pinWrap) throw new AppError('NOT_FOUND', '这张身份证未绑定领导签名密钥：请用用户名和密码验证，或先设置 PIN');
      user = this.deps.users.byId(key.userId);
      if (!user) throw new AppError('NOT_FOUND', '签名密钥的所有者已不存在，请联系系统管理员');
      this.assertLeader(user);
      assertUnlockAllowed(key);
      privateKey = await this.unlock(key, key.pinWrap, input.pin, 'PIN 不正确，请领导重新输入');
    }
    this.keys.resetFailedUnlocks(key.id);
    const holder: TicketHolder = {
      userId: user.id,
      displayName: user.displayName,
      department: user.department,
      keyId: key.id,
      publicKey: key.publicKey,
    };
    const { ticket, expiresAt } = this.tickets.issue(holder, privateKey, clerk.id);
    return {
      ticket,
      expiresAt: new Date(expiresAt).toISOString(),
      leader: { userId: user.id, displayName: user.displayName, department: user.department },
      publicKey: key.publicKey,
      fingerprint: fingerprintOf(key.publicKey),
    };
  }

  cancel(ticket: string): void {
    this.tickets.wipe(ticket);
  }

  /** Wipes every unlocked key, e.g. when the clerk logs out or the workstation closes. */
  cancelAll(): void {
    this.tickets.wipeAll();
  }

  /**
   * Signs each decision with the ticket's key. The renderer shows every case before this is
   * called; `confirmedEach` is its promise that it did. All or nothing, then the ticket is gone.
   */
  sign(input: { ticket: string; items: readonly SignItem[]; confirmedEach: true }, clerk: UserView): SignedDecision[] {
    const images = input.items.map((item, i) => (item.signatureImage === undefined ? null : decodeSignatureImage(item.signatureImage, i)));
    const holder = this.tickets.check(input.ticket, clerk.id);
    // The leader may have been disabled or the key replaced since the ticket was issued.
    const user = this.deps.users.byId(holder.userId);
    if (!user || user.disabled || user.role !== 'leader') {
      this.tickets.wipe(input.ticket);
      throw new AppError('FORBIDDEN', '该领导账号已停用或不再是部门领导，不能签名');
    }
    assertLeaderMaySign(
      user,
      input.items.map((i) => i.content.department),
    );
    if (this.keys.activeFor(holder.userId)?.id !== holder.keyId) {
      this.tickets.wipe(input.ticket);
      throw new AppError('CONFLICT', '签名密钥已被更换，请领导重新验证身份');
    }
    const signedAt = this.deps.now().toISOString();
    const prepared = this.tickets.withPrivateKey(input.ticket, clerk.id, (h, privateKeyHex) =>
      input.items.map((item) => {
        const contentHash = contentHashOf(item.content, item.documentSha256);
        const der = sm2Sign(Buffer.from(contentHash, 'hex'), privateKeyHex, h.publicKey);
        return { item, contentHash, signatureDer: Buffer.from(der, 'hex') };
      }),
    );
    // Blob files first (fsynced), then the rows that name them, as the blob store requires.
    const imageRefs = images.map((img) => (img === null ? null : this.deps.blobs.put(img, 'image/png').sha256));
    const records = this.signatures.insertAll(
      prepared.map((p, i) => ({
        caseRef: p.item.caseRef,
        content: p.item.content,
        contentHash: p.contentHash,
        documentSha256: p.item.documentSha256,
        signatureDer: p.signatureDer,
        publicKey: holder.publicKey,
        keyId: holder.keyId,
        signer: { userId: holder.userId, displayName: holder.displayName },
        clerkUserId: clerk.id,
        signedAt,
        signatureImageSha256: imageRefs[i] ?? null,
      })),
    );
    this.tickets.wipe(input.ticket);
    return records.map((record) => ({
      signatureId: record.signatureId,
      caseRef: record.caseRef,
      reference: signatureReference(record),
      record,
    }));
  }

  verifyStored(signatureId: string, given?: { content: DecisionContent; documentSha256: string }): VerifyResult {
    const stored = this.signatures.byId(signatureId);
    if (!stored) throw new AppError('NOT_FOUND', '没有这个签名记录，请核对签名编号');
    const content = given?.content ?? storedContent(stored);
    const documentSha256 = given?.documentSha256 ?? stored.record.documentSha256;
    const outcome = content
      ? verifyRecord(stored.record, { content, documentSha256 })
      : stored.hall && !stored.hall.contentJournaled
        ? ({ valid: false, reason: `签署窗口（${stored.hall.windowName}）未随签名传来决定内容（旧版本），请在签署窗口核验` } as const)
        : ({ valid: false, reason: '保存的决定内容已损坏或被改动，无法核验' } as const);
    return this.result(stored.record, outcome, stored.hall?.windowName ?? null);
  }

  verifyExported(record: SignatureRecord, content: DecisionContent, documentSha256: string): VerifyResult {
    return this.result(record, verifyRecord(record, { content, documentSha256 }));
  }

  exportSignature(signatureId: string): { signature: ExportedSignature; publicKeyPem: string } {
    const stored = this.signatures.byId(signatureId);
    if (!stored) throw new AppError('NOT_FOUND', '没有这个签名记录，请核对签名编号');
    const content = storedContent(stored);
    return { signature: content ? { ...stored.record, content } : stored.record, publicKeyPem: publicKeyPem(stored.record.publicKey) };
  }

  private result(
    record: SignatureRecord,
    outcome: { valid: true } | { valid: false; reason: string },
    hallWindow: string | null = null,
  ): VerifyResult {
    // A valid signature under a key this workstation never issued proves only that someone signed.
    const registered = this.keys.byPublicKey(record.publicKey)?.userId === record.signer.userId;
    return {
      valid: outcome.valid,
      reason: outcome.valid ? null : outcome.reason,
      registeredKey: registered,
      hallWindow,
      record,
      reference: signatureReference(record),
    };
  }

  private async unlock(key: LeaderKey, wrap: LeaderKey['passwordWrap'], credential: string, wrongMessage: string): Promise<Buffer> {
    const privateKey = await unwrapPrivateKey(wrap, credential, wrapAad(key.userId, key.publicKey));
    if (privateKey) return privateKey;
    const failures = this.keys.recordFailedUnlock(key.id);
    if (failures >= MAX_FAILED_UNLOCKS) throw lockedError();
    throw new AppError('UNAUTHENTICATED', `${wrongMessage}（还可尝试 ${MAX_FAILED_UNLOCKS - failures} 次）`);
  }

  private assertLeader(user: StoredUser): void {
    if (user.disabled) throw new AppError('FORBIDDEN', '该领导账号已停用，不能签名，请联系系统管理员');
    if (user.role !== 'leader') throw new AppError('FORBIDDEN', '该账号不是部门领导，不能签署决定：请由部门领导本人验证');
  }

  private assertCardFree(idNumber: string, userId: string): void {
    const holder = this.keys.activeForIdNumber(idNumber);
    if (holder && holder.userId !== userId)
      throw new AppError('CONFLICT', '这张身份证已绑定另一位领导的签名密钥，请核对身份证或联系系统管理员');
  }

  private view(key: LeaderKey, user: StoredUser): LeaderKeyView {
    return {
      keyId: key.id,
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      department: user.department,
      publicKey: key.publicKey,
      fingerprint: fingerprintOf(key.publicKey),
      createdAt: key.createdAt,
      hasPin: key.pinWrap !== null,
      locked: key.failedUnlocks >= MAX_FAILED_UNLOCKS,
    };
  }
}

function assertUnlockAllowed(key: LeaderKey): void {
  if (key.failedUnlocks >= MAX_FAILED_UNLOCKS) throw lockedError();
}

function lockedError(): AppError {
  return new AppError('FORBIDDEN', '密码或 PIN 连续输错次数过多，签名密钥已锁定：请系统管理员在领导在场时重新配置签名密钥');
}

/** A PIN guessed offline is only as strong as its digits; refuse the first ones anyone tries. */
function assertPinNotTrivial(pin: string): void {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10));
  if (steps.size === 1 && (steps.has(0) || steps.has(1) || steps.has(9))) {
    throw new AppError('VALIDATION', 'PIN 过于简单（重复或连续的数字），请换一个', [{ path: 'pin', message: 'PIN 过于简单' }]);
  }
}

function decodeSignatureImage(base64: string, index: number): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  const path = `items.${index}.signatureImage`;
  if (bytes.length > MAX_SIGNATURE_IMAGE_BYTES)
    throw new AppError('TOO_LARGE', '签名图片不能超过200KB，请清除后重新签写', [{ path, message: '超过200KB' }]);
  if (bytes.length < PNG_MAGIC.length || !bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
    throw new AppError('VALIDATION', '签名图片不是 PNG 格式，请在签字板上重新签写', [{ path, message: '不是 PNG' }]);
  }
  return bytes;
}
