import { domainOf, normalizeAddress } from '../address/normalize-address.js';
import type { User } from '../model/crm-data.js';
import type { ParsedMessage } from '../model/parsed-message.js';
import type { ReasonCode } from '../model/reason-code.js';
import { err, ok, type Result } from '../util/result.js';
import { addressesOf, type AccountIndex } from './account-index.js';
import { isDmarcPass } from './is-dmarc-pass.js';
import type { Routing } from './resolve-route.js';

export type Ownership = {
  readonly owner: User;
  /** Several users share the sender address and none was named by a token (B2 `ambiguous-owner`). */
  readonly ambiguous: boolean;
};

export type OwnershipFailure = {
  readonly reason: Extract<
    ReasonCode,
    'token-required' | 'token-mismatch' | 'sender-not-user' | 'dmarc-fail'
  >;
  /** The sender's normalised address, when From had exactly one (N1 sends some notices to it). */
  readonly sender: string | null;
};

/** From's single address; display names and comments never count (B1). Several or none: no sender. */
export function senderAddress(message: ParsedMessage): string | null {
  if (message.from.length !== 1) {
    return null;
  }
  return normalizeAddress(message.from[0]?.address ?? '');
}

/**
 * B1, B2, F1: who owns a BCC log or a forward. Token rules come first: a token (or a user's personal logging
 * address) names the owner and From must be one of that owner's addresses; a token that belongs to nobody is a
 * mismatch too. With `requireToken` a tokenless shared address is refused. Without a token the owner is the user
 * who has From as primary address or alias, the lowest id when several do (deterministic, never random).
 */
export function resolveOwner(
  message: ParsedMessage,
  routing: Routing,
  index: AccountIndex,
): Result<Ownership, OwnershipFailure> {
  const sender = senderAddress(message);
  const fail = (reason: OwnershipFailure['reason']): Result<Ownership, OwnershipFailure> =>
    err({ reason, sender });
  const via = routing.via;
  const named = via?.personalUser ?? (via?.token ? index.userByToken(via.token) : null);

  if (via?.token || via?.personalUser) {
    if (named === null || sender === null || !addressesOf(named).includes(sender)) {
      return fail('token-mismatch');
    }
    return ok({ owner: named, ambiguous: false });
  }
  if (index.settings.requireToken) {
    return fail('token-required');
  }
  if (index.settings.requireDmarc && (sender === null || !isDmarcPass(message, domainOf(sender), index))) {
    return fail('dmarc-fail');
  }
  const candidates = sender === null ? [] : index.usersWithAddress(sender);
  const owner = candidates[0];
  if (owner === undefined) {
    return fail('sender-not-user');
  }
  return ok({ owner, ambiguous: candidates.length > 1 });
}
