import { normalizeAddress } from '#shared/address/normalize-address.js';
import type { Settings, User } from '#shared/model/crm-data.js';
import { buildAccountIndex } from '#shared/rules/account-index.js';
import { resolveOwner } from '#shared/rules/resolve-owner.js';
import { resolveRoute } from '#shared/rules/resolve-route.js';
import type { ClaimHeaders } from './claim-headers.js';

/** The part of the facts that attribution needs: the logging addresses (settings) and the users. */
export type AccountFacts = { readonly settings: Settings; readonly users: ReadonlyArray<User> };

/** Whether a message in the watched folder is the companion's to claim, from its headers alone. */
export type BelongsTo = (headers: ClaimHeaders) => boolean;

/**
 * C1 shared mode with per-user companions: whether the message belongs to `userEmail` (a primary address or an
 * alias), decided from the headers BEFORE claiming by the very functions that later pick the owner in `decide()`
 * (`resolveRoute` for R1, `resolveOwner` for B1/B2). The message is the user's when they would own it, and also
 * when it is refused in their name: a token or personal logging address of theirs with another From
 * (`token-mismatch`), or their own address without the token that `requireToken` asks for. The refusal is then
 * filed in their store, where they see it.
 *
 * A message that belongs to no user (a stranger's, an unknown token) is claimed by no per-user companion and stays
 * in the watched folder; IT's `serve` without `onlyFor` processes every message.
 */
export function isMessageOfUser(headers: ClaimHeaders, facts: AccountFacts, userEmail: string): boolean {
  const index = buildAccountIndex({
    settings: facts.settings,
    users: facts.users,
    contacts: [],
    companies: [],
    deals: [],
    neverLog: [],
    logged: [],
  });
  const address = normalizeAddress(userEmail);
  const user = address === null ? undefined : index.usersWithAddress(address)[0];
  if (user === undefined) {
    return false;
  }
  const ownership = resolveOwner(headers, resolveRoute(headers, {}, index), index);
  const owner = ownership.ok ? ownership.value.owner : ownership.error.claimant;
  return owner?.id === user.id;
}

/**
 * The default `belongsTo` of a per-user companion: `readFacts` is called for every decision, so an alias or token
 * added with the CLI counts at once (reading the users of the local store costs well under a millisecond).
 */
export function createBelongsTo(userEmail: string, readFacts: () => AccountFacts): BelongsTo {
  return (headers) => isMessageOfUser(headers, readFacts(), userEmail);
}
