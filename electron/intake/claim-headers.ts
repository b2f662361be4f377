import { parseAddressList } from '../../shared/forward/parse-address-list.js';

/**
 * The header fields read before claiming a message (C1 shared mode) and before processing it (the envelope): only
 * these are fetched, with `BODY.PEEK[HEADER.FIELDS (…)]`, so deciding costs a few hundred bytes per message.
 */
export const claimHeaderNames = ['delivered-to', 'x-original-to', 'from', 'to', 'cc'] as const;

/** Bare, normalised addresses of each field, in the order written (Delivered-To: topmost, i.e. last hop, first). */
export type ClaimHeaders = {
  readonly deliveredTo: ReadonlyArray<string>;
  readonly xOriginalTo: ReadonlyArray<string>;
  readonly from: ReadonlyArray<string>;
  readonly to: ReadonlyArray<string>;
  readonly cc: ReadonlyArray<string>;
};

/**
 * Reads the fields of `claimHeaderNames` from a raw header block (unfolded; 8-bit bytes read as UTF-8). Addresses
 * that cannot be read are left out: the full parse of the pipeline decides about the message itself.
 */
export function readClaimHeaders(block: Buffer | string): ClaimHeaders {
  const text = typeof block === 'string' ? block : block.toString('utf8');
  const fields = new Map<string, string[]>();
  for (const field of text.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) {
      continue;
    }
    const name = field.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), field.slice(colon + 1).trim()]);
  }
  const addresses = (name: (typeof claimHeaderNames)[number]): string[] =>
    (fields.get(name) ?? [])
      .flatMap((value) => parseAddressList(value))
      .map((mailbox) => mailbox.address)
      .filter((address): address is string => address !== null);
  return {
    deliveredTo: addresses('delivered-to'),
    xOriginalTo: addresses('x-original-to'),
    from: addresses('from'),
    to: addresses('to'),
    cc: addresses('cc'),
  };
}
