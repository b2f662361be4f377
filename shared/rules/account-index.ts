import { domainOf, normalizeAddress } from '../address/normalize-address.js';
import type { Facts, Settings, User } from '../model/crm-data.js';
import type { Route } from '../model/parsed-message.js';

/** A logging address recognised in a header or envelope: which route, and who it names (token or personal). */
export type LoggingAddressMatch = {
  readonly route: Exclude<Route, 'log-now'>;
  /** The token written after the address's local part (`log+bcc.<token>@…`, `ann+crm-bcc.<token>@…`), if any. */
  readonly token: string | null;
  /** The user whose personal logging address it is (C1 personal mode), if any. */
  readonly personalUser: User | null;
};

/** Lookups over the facts that every rule needs, built once per decision. */
export type AccountIndex = {
  readonly settings: Settings;
  readonly users: ReadonlyArray<User>;
  /** Users having this normalised address as primary or alias, lowest id first (B2). */
  usersWithAddress(address: string): ReadonlyArray<User>;
  userByToken(token: string): User | null;
  /** Whether an address is one of the account's users or in an internal domain (B4, F6). */
  isInternal(address: string): boolean;
  /** Whether an address is in the account's internal domains (N1: who may receive a notice). */
  isInInternalDomain(address: string): boolean;
  matchLoggingAddress(address: string): LoggingAddressMatch | null;
};

export function addressesOf(user: User): ReadonlyArray<string> {
  return [user.email, ...user.aliases].map((a) => normalizeAddress(a)).filter((a): a is string => a !== null);
}

function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/** Matches `base` itself or `base` with a token: `log+bcc.k3x9@corp.example` for `log+bcc@corp.example`. */
function matchTokenized(address: string, base: string): { token: string | null } | null {
  const a = splitAddress(address);
  const b = splitAddress(base);
  if (a.domain !== b.domain) {
    return null;
  }
  if (a.local === b.local) {
    return { token: null };
  }
  return a.local.startsWith(`${b.local}.`) && a.local.length > b.local.length + 1
    ? { token: a.local.slice(b.local.length + 1) }
    : null;
}

export function buildAccountIndex(facts: Facts): AccountIndex {
  const settings = facts.settings;
  const users = [...facts.users].sort((x, y) => x.id - y.id);
  const byAddress = new Map<string, User[]>();
  for (const user of users) {
    for (const address of new Set(addressesOf(user))) {
      byAddress.set(address, [...(byAddress.get(address) ?? []), user]);
    }
  }
  const internalDomains = settings.internalDomains.map((d) => d.toLowerCase());
  const inInternalDomain = (address: string): boolean => {
    const domain = domainOf(address);
    return internalDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  };
  const shared = [
    { route: 'bcc' as const, base: normalizeAddress(settings.bccAddress) },
    { route: 'forward' as const, base: normalizeAddress(settings.forwardingAddress) },
  ];
  const personal = users.flatMap((user) => [
    { route: 'bcc' as const, address: user.bccAddress ? normalizeAddress(user.bccAddress) : null, user },
    {
      route: 'forward' as const,
      address: user.forwardingAddress ? normalizeAddress(user.forwardingAddress) : null,
      user,
    },
  ]);

  return {
    settings,
    users,
    usersWithAddress: (address) => byAddress.get(address) ?? [],
    userByToken: (token) => users.find((u) => u.token !== null && u.token === token) ?? null,
    isInternal: (address) => byAddress.has(address) || inInternalDomain(address),
    isInInternalDomain: inInternalDomain,
    matchLoggingAddress(raw) {
      const address = normalizeAddress(raw);
      if (address === null) {
        return null;
      }
      // A personal address may carry its user's token too (`ann+crm-bcc.<token>@…`): the proof requireToken asks.
      for (const own of personal) {
        const match = own.address === null ? null : matchTokenized(address, own.address);
        if (match) {
          return { route: own.route, token: match.token, personalUser: own.user };
        }
      }
      for (const { route, base } of shared) {
        const match = base === null ? null : matchTokenized(address, base);
        if (match) {
          return { route, token: match.token, personalUser: null };
        }
      }
      return null;
    },
  };
}
