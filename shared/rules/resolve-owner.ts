import { domainOf, normalizeAddress } from '../address/normalize-address.js';
import type { User } from '../model/crm-data.js';
import type { RoutingFields } from '../model/parsed-message.js';
import type { ReasonCode } from '../model/reason-code.js';
import { err, ok, type Result } from '../util/result.js';
import { addressesOf, type AccountIndex, type LoggingAddressMatch } from './account-index.js';
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
  /**
   * Whose mail the refused message says it is, so that the refusal shows in that user's store (C1 shared mode with
   * per-user companions): the user a token or personal logging address names (nobody for a token of nobody),
   * else the user who has the sender's address (lowest id). Null: nobody's, left to IT's `serve`.
   */
  readonly claimant: User | null;
};

/**
 * B1: From's single address; display names and comments never count. Two From fields (even an empty one), or a
 * From with more or less than one address: no single sender.
 */
export function senderAddress(message: Pick<RoutingFields, 'from' | 'fromFieldCount'>): string | null {
  if (message.fromFieldCount !== 1 || message.from.length !== 1) {
    return null;
  }
  return normalizeAddress(message.from[0]?.address ?? '');
}

/**
 * B1, B2, F1: who owns a BCC log or a forward. Token rules come first: a token names the owner and From must be
 * one of that owner's addresses; a token that belongs to nobody is a mismatch too. A user's personal logging
 * address names its user the same way only while `requireToken` is off: it is not secret, so with `requireToken`
 * only the token proves the owner, and a tokenless address (personal or shared) is refused. `requireDmarc`
 * applies to every route, token or not. Without a token the owner is the user who has From as primary address or
 * alias, the lowest id when several do (deterministic, never random).
 */
export function resolveOwner(
  message: RoutingFields,
  routing: Routing,
  index: AccountIndex,
): Result<Ownership, OwnershipFailure> {
  const sender = senderAddress(message);
  const { requireToken, requireDmarc } = index.settings;
  const via = routing.via;
  const namesUser = via !== null && (via.token !== null || via.personalUser !== null);
  const named = via === null ? null : namedUser(via, index);
  const sendersUsers = sender === null ? [] : index.usersWithAddress(sender);
  const claimant = namesUser ? named : (sendersUsers[0] ?? null);
  const fail = (reason: OwnershipFailure['reason']): Result<Ownership, OwnershipFailure> =>
    err({ reason, sender, claimant });

  const provesOwner = via !== null && (via.token !== null || (via.personalUser !== null && !requireToken));
  if (provesOwner && (named === null || sender === null || !addressesOf(named).includes(sender))) {
    return fail('token-mismatch');
  }
  if (!provesOwner && requireToken) {
    return fail('token-required');
  }
  if (requireDmarc && (sender === null || !isDmarcPass(message, domainOf(sender), index))) {
    return fail('dmarc-fail');
  }
  if (provesOwner && named !== null) {
    return ok({ owner: named, ambiguous: false });
  }
  const owner = sendersUsers[0];
  if (owner === undefined) {
    return fail('sender-not-user');
  }
  return ok({ owner, ambiguous: sendersUsers.length > 1 });
}

/**
 * The user a logging address names: its token's (on a personal address only its own user's token counts), else
 * its personal user.
 */
function namedUser(via: LoggingAddressMatch, index: AccountIndex): User | null {
  if (via.token === null) {
    return via.personalUser;
  }
  if (via.personalUser !== null) {
    return via.personalUser.token === via.token ? via.personalUser : null;
  }
  return index.userByToken(via.token);
}
