import { readStrictMailboxes } from '#shared/address/read-strict-mailboxes.js';
import { parseAddressList, toMailAddresses } from '#shared/forward/parse-address-list.js';
import type { MailAddress, RoutingFields } from '#shared/model/parsed-message.js';
import { readDeliveryHeaders } from '#shared/rules/read-delivery-headers.js';

/**
 * The header fields read before claiming a message (C1 shared mode): only these are fetched, with
 * `BODY.PEEK[HEADER.FIELDS (…)]`, so deciding costs a few hundred bytes per message. `Received` is among them only
 * for its position: R1 trusts the delivery fields above the first one (the server returns the fields in the order
 * they stand in the header).
 */
export const claimHeaderNames = [
  'received',
  'delivered-to',
  'x-original-to',
  'from',
  'to',
  'cc',
  'authentication-results',
] as const;

/** What routing and ownership read (R1, B1, B2), as `decide()` reads it from the parsed message. */
export type ClaimHeaders = RoutingFields;

type Field = { readonly name: string; readonly value: string };

/**
 * Reads the fields of `claimHeaderNames` from a raw header block (unfolded; 8-bit bytes read as UTF-8), in order.
 * Addresses that cannot be read are left out, and From counts only when it is a strictly valid mailbox list (as the
 * core's parse requires): the full parse of the pipeline decides about the message itself.
 */
export function readClaimHeaders(block: Buffer | string): ClaimHeaders {
  const text = typeof block === 'string' ? block : block.toString('utf8');
  const fields: Field[] = [];
  for (const line of text.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
    }
  }
  const values = (name: (typeof claimHeaderNames)[number]): string[] =>
    fields.filter((field) => field.name === name).map((field) => field.value);
  const addresses = (name: 'to' | 'cc'): MailAddress[] =>
    toMailAddresses(values(name).flatMap((value) => parseAddressList(value))).filter((a) => a.address !== '');
  const fromValues = values('from');
  return {
    from: strictFrom(fromValues),
    fromFieldCount: fromValues.length,
    to: addresses('to'),
    cc: addresses('cc'),
    headers: {
      delivery: readDeliveryHeaders(
        fields,
        (field) => field.name,
        (field) => field.value,
      ),
      authenticationResults: values('authentication-results'),
    },
  };
}

/** From's addresses when every From field is a strictly valid mailbox list, else none (B1: no sender). */
function strictFrom(values: ReadonlyArray<string>): MailAddress[] {
  const addresses: MailAddress[] = [];
  for (const value of values) {
    const strict = readStrictMailboxes(value);
    if (strict === null) {
      return [];
    }
    addresses.push(...strict.map((address) => ({ name: '', address })));
  }
  return addresses;
}
