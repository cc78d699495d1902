import type { SessionState } from '../../shared/api/session';
import type { Workstation } from '../workstation';
import { SigningService } from './signing-service';

export { SigningService, MAX_FAILED_UNLOCKS, fingerprintOf, type SignedDecision } from './signing-service';
export { verifyRecord, contentHashOf, type VerifyOutcome } from './verify';
export { publicKeyPem } from './sm2';
export { TICKET_TTL_MS } from './tickets';
export { signatureReference } from '../../shared/domain/signing';

const services = new WeakMap<Workstation, SigningService>();

/**
 * The workstation's one signing service (tickets live in its memory, so every caller must share
 * it). Kept here until the composition root holds it as `ws.signing`.
 */
export function signingServiceFor(ws: Workstation): SigningService {
  let service = services.get(ws);
  if (!service) {
    const created = new SigningService({ db: ws.db, users: ws.users, blobs: ws.blobs, now: ws.now });
    // A leader's unlocked key must not outlive the clerk session it was opened in.
    ws.bus.subscribe((event, payload) => {
      if (event !== 'session.changed') return;
      const state = payload as SessionState;
      if (!state.user || state.locked) created.cancelAll();
    });
    services.set(ws, created);
    service = created;
  }
  return service;
}
