import { normalizeAddress } from '../address/normalize-address.js';
import type { Facts } from '../model/crm-data.js';
import type { Decision } from '../model/decision.js';
import type { Envelope, ParsedMessage } from '../model/parsed-message.js';
import { addressesOf, type AccountIndex } from './account-index.js';
import { emailOfMessage, rejectedDecision } from './assemble-decision.js';
import { decideOutgoing } from './decide-bcc.js';
import { decideIncoming } from './decide-forward.js';
import { senderAddress } from './resolve-owner.js';

/**
 * A5 log-now: the add-in sends the message's own MIME; it is logged as its forward would be (incoming, from its
 * sender, owned by the add-in's user), with its own Message-ID among the identity keys so that a later forward of
 * it is a duplicate. The user's own sent message is logged as outgoing, where B5 sees the Bcc line.
 */
export function decideLogNow(
  message: ParsedMessage,
  envelope: Envelope,
  facts: Facts,
  index: AccountIndex,
): Decision {
  const userAddress = normalizeAddress(envelope.userEmail ?? '');
  const owner = userAddress === null ? undefined : index.usersWithAddress(userAddress)[0];
  if (owner === undefined) {
    return rejectedDecision('log-now', 'sender-not-user', message, null, index);
  }
  const sender = senderAddress(message);
  if (sender !== null && addressesOf(owner).includes(sender)) {
    return decideOutgoing('log-now', message, owner, [], facts, index);
  }
  return decideIncoming(
    'log-now',
    message,
    owner,
    false,
    {
      email: emailOfMessage(message, 'incoming', 'message'),
      attachments: message.attachments,
      senderName: message.from[0]?.name.trim() ?? '',
      senderAddress: sender,
    },
    facts,
    index,
  );
}
