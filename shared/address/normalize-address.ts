import { LRUCache } from 'lru-cache';
import { toAsciiDomain } from './punycode.js';

/**
 * A back-fill normalises the same few thousand addresses again and again, several times a message (the rules,
 * the facts, the commit): 1.5 s of 10,000 messages (docs/performance.md). A long input is not remembered, so
 * hostile headers cannot fill memory. (lru-cache keeps no null: the answer is boxed.)
 */
const memo = new LRUCache<string, { readonly address: string | null }>({ max: 10_000 });
const memoKeyMaxLength = 512;

/**
 * Normalises one email address to the bare, lower-cased form used everywhere as a key (docs/rules.md#results: "bare,
 * lower-cased addresses"). Accepts what people paste and what headers carry: `Name <a@b>`, `<a@b>`,
 * `mailto:a@b`, `a@b (comment)`, surrounding quotes and spaces, full-width `＠`, a trailing dot on the domain,
 * an internationalised domain (to punycode, so both spellings match). Returns null when no address is there.
 * The local part keeps its spelling but is lower-cased: no real mail system we log for is case-sensitive.
 */
export function normalizeAddress(raw: string): string | null {
  if (raw.length > memoKeyMaxLength) {
    return normalizeAddressNow(raw);
  }
  const known = memo.get(raw);
  if (known !== undefined) {
    return known.address;
  }
  const address = normalizeAddressNow(raw);
  memo.set(raw, { address });
  return address;
}

function normalizeAddressNow(raw: string): string | null {
  let address = raw.normalize('NFC').trim();
  const angle = /<([^<>]*)>\s*$/.exec(address);
  if (angle?.[1] !== undefined) {
    address = angle[1];
  }
  address = address
    .replace(/\([^()]*\)/g, '')
    .replace(/^mailto:/i, '')
    .replace(/[＠]/g, '@')
    .trim();
  // Quotes around the whole address (`"ann@x.example"`) go; a quoted local part (`"bob"@x.example`) stays.
  const wrapped = /^(["'])(.*)\1$/.exec(address);
  // includes(), not /^[^"]*@[^"]*$/: that tried every `@` of a long run against the rest (C7).
  if (wrapped?.[2] !== undefined && wrapped[2].includes('@') && !wrapped[2].includes('"')) {
    address = wrapped[2].trim();
  }
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) {
    return null;
  }
  let local = address.slice(0, at);
  const domainPart = address
    .slice(at + 1)
    .trim()
    .replace(/\.$/, '');
  if (/^".*"$/.test(local)) {
    // A quoted local part that needs no quoting is the same mailbox without them.
    const inner = local.slice(1, -1).replace(/\\(.)/g, '$1');
    local = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(inner) ? inner : local;
  }
  if (/[\s@]/.test(local) && !/^".*"$/.test(local)) {
    return null; // `a@b@c.example`: an @ in a local part is only valid quoted, and a key has one @ outside quotes
  }
  const domain = toAsciiDomain(domainPart.toLowerCase());
  if (domain === null || !isPlausibleDomain(domain)) {
    return null;
  }
  return `${local.toLowerCase()}@${domain}`;
}

/** The domain of a normalised address (everything after the last `@`). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** Normalises a bare domain the way `normalizeAddress` normalises an address's domain. */
export function normalizeDomain(raw: string): string | null {
  const d = toAsciiDomain(raw.trim().replace(/\.$/, '').toLowerCase());
  return d !== null && isPlausibleDomain(d) ? d : null;
}

function isPlausibleDomain(domain: string): boolean {
  if (/^\[[0-9a-f:.]+\]$/i.test(domain)) {
    return true; // an address literal
  }
  return (
    domain.length <= 253 &&
    domain.split('.').every((label) => label.length > 0 && label.length <= 63 && /^[a-z0-9_-]+$/.test(label))
  );
}
