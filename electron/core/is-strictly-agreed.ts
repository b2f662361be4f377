import { normalizeAddress } from '#shared/address/normalize-address.js';
import { readStrictMailboxes } from '#shared/address/read-strict-mailboxes.js';
import type { MailAddress } from '#shared/model/parsed-message.js';

/**
 * B1: a From address counts only when a strict reading of the raw header finds the very same addresses as
 * mailparser's lenient one. Where they differ (`ann@corp.example(x)evil.example`, stray words after the address,
 * groups) the header is ambiguous, and an ambiguous sender must grant nothing: the message then has no sender.
 */
export function isStrictlyAgreed(values: ReadonlyArray<string>, parsed: ReadonlyArray<MailAddress>): boolean {
  const strict: string[] = [];
  for (const value of values) {
    const addresses = readStrictMailboxes(value);
    if (addresses === null) {
      return false;
    }
    strict.push(...addresses);
  }
  return (
    strict.length === parsed.length &&
    strict.every((address, i) => {
      const key = normalizeAddress(address);
      return key !== null && key === normalizeAddress(parsed[i]?.address ?? '');
    })
  );
}
