import type { SessionState } from '../../shared/api/session';
import type { EventBus } from '../event-bus';
import type { SigningService } from './signing-service';

export { SigningService, MAX_FAILED_UNLOCKS, fingerprintOf, type SignedDecision } from './signing-service';
export { verifyRecord, contentHashOf, type VerifyOutcome } from './verify';
export { publicKeyPem } from './sm2';
export { TICKET_TTL_MS } from './tickets';
export { signatureReference } from '../../shared/domain/signing';

/** A leader's unlocked key must not outlive the clerk session it was opened in. */
export function cancelSigningWhenSessionEnds(bus: EventBus, signing: SigningService): () => void {
  return bus.subscribe((event, payload) => {
    if (event !== 'session.changed') return;
    const state = payload as SessionState;
    if (!state.user || state.locked) signing.cancelAll();
  });
}
