import { normalizeAddress } from '../../shared/address/normalize-address.js';
import type { Settings, User } from '../../shared/model/crm-data.js';
import { buildAccountIndex, type LoggingAddressMatch } from '../../shared/rules/account-index.js';
import type { ClaimHeaders } from './claim-headers.js';

/** The part of the facts that attribution needs: the logging addresses (settings) and the users. */
export type AccountFacts = { readonly settings: Settings; readonly users: ReadonlyArray<User> };

/** Whether a message in the watched folder is the companion's to claim, from its headers alone. */
export type BelongsTo = (headers: ClaimHeaders) => boolean;

/**
 * C1 shared mode with per-user companions: whether the message belongs to `userEmail` (a primary address or an
 * alias), decided from the headers BEFORE claiming, with the same rules that later pick the owner (R1, B2):
 *
 * 1. The logging address the message reached, read as R1 reads it: the Delivered-To / X-Original-To fields
 *    (topmost first), else a forwarding address in To or Cc.
 * 2. A user's personal logging address (`ann+crm-bcc@…`) or a token (`log+bcc.k3x9@…`) names the user: the message
 *    is theirs, whoever sent it (a mismatching From is then rejected in their store, `token-mismatch`, where they
 *    see it). A token that belongs to nobody names nobody.
 * 3. Without one, the sender decides: From's single address must be one of the user's addresses, and when several
 *    users share it (a shared alias) the lowest user id wins, as B2 picks the owner.
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
  const via = loggingAddressOf(headers, index.matchLoggingAddress);
  if (via?.personalUser) {
    return via.personalUser.id === user.id;
  }
  if (via?.token) {
    return index.userByToken(via.token)?.id === user.id;
  }
  const sender = headers.from.length === 1 ? (headers.from[0] ?? null) : null;
  const owner = sender === null ? undefined : index.usersWithAddress(sender)[0];
  return owner?.id === user.id;
}

/**
 * The default `belongsTo` of a per-user companion: `readFacts` is called for every decision, so an alias or token
 * added with the CLI counts at once (reading the users of the local store costs well under a millisecond).
 */
export function createBelongsTo(userEmail: string, readFacts: () => AccountFacts): BelongsTo {
  return (headers) => isMessageOfUser(headers, readFacts(), userEmail);
}

function loggingAddressOf(
  headers: ClaimHeaders,
  match: (address: string) => LoggingAddressMatch | null,
): LoggingAddressMatch | null {
  for (const address of [...headers.deliveredTo, ...headers.xOriginalTo]) {
    const found = match(address);
    if (found) {
      return found;
    }
  }
  for (const address of [...headers.to, ...headers.cc]) {
    const found = match(address);
    if (found?.route === 'forward') {
      return found;
    }
  }
  return null;
}
