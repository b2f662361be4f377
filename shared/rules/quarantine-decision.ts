import type { Decision } from '../model/decision.js';
import type { Envelope } from '../model/parsed-message.js';
import type { ReasonCode } from '../model/reason-code.js';
import { nothingAssociated } from './nothing-associated.js';

/**
 * R3 (and storage faults): a message the core could not read or keep is rejected with the reason, and its raw
 * bytes stay in the quarantine; nothing is associated and nobody is notified (we cannot tell who sent it).
 */
export function quarantineDecision(
  reason: Extract<ReasonCode, 'malformed-message' | 'message-too-large' | 'parse-timeout' | 'storage-error'>,
  envelope: Envelope,
): Decision {
  return {
    route: envelope.route ?? 'bcc',
    status: 'rejected',
    reasons: [reason],
    owner: null,
    ownerId: null,
    ...nothingAssociated(),
    identity: { messageId: null, contentKey: null },
  };
}
