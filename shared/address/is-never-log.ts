import { domainOf, normalizeAddress, normalizeDomain } from './normalize-address.js';

/** One never-log entry in its normalised form (docs/rules.md#words). */
export type NeverLogEntry =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'domain'; readonly domain: string }
  | { readonly kind: 'subdomains'; readonly domain: string };

/**
 * Reads a never-log entry as an administrator writes it: `ann@x.example`, `x.example`, `*@x.example` (that domain
 * exactly) or `*.x.example` (its sub-domains, not itself). Returns null for anything else, so that the caller can
 * refuse it with a clear error instead of storing a rule that never matches.
 */
export function parseNeverLogEntry(raw: string): NeverLogEntry | null {
  const entry = raw.trim();
  if (entry.startsWith('*.')) {
    const domain = normalizeDomain(entry.slice(2));
    return domain === null ? null : { kind: 'subdomains', domain };
  }
  if (entry.startsWith('*@')) {
    const domain = normalizeDomain(entry.slice(2));
    return domain === null ? null : { kind: 'domain', domain };
  }
  if (entry.includes('@')) {
    const address = normalizeAddress(entry);
    return address === null ? null : { kind: 'address', address };
  }
  const domain = normalizeDomain(entry);
  return domain === null || !domain.includes('.') ? null : { kind: 'domain', domain };
}

/** The canonical text of an entry, as stored and listed. */
export function formatNeverLogEntry(entry: NeverLogEntry): string {
  switch (entry.kind) {
    case 'address':
      return entry.address;
    case 'domain':
      return entry.domain;
    case 'subdomains':
      return `*.${entry.domain}`;
  }
}

/** Whether a normalised address matches any entry of the lists given (account-wide and personal alike). */
export function isNeverLog(address: string, entries: ReadonlyArray<string>): boolean {
  const normalised = normalizeAddress(address);
  if (normalised === null) {
    return false;
  }
  const domain = domainOf(normalised);
  return entries.some((raw) => {
    const entry = parseNeverLogEntry(raw);
    if (entry === null) {
      return false;
    }
    switch (entry.kind) {
      case 'address':
        return entry.address === normalised;
      case 'domain':
        return entry.domain === domain;
      case 'subdomains':
        return domain.endsWith(`.${entry.domain}`);
    }
  });
}
