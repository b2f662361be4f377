import { normalizeAddress } from '../address/normalize-address.js';
import type { Decision } from '../model/decision.js';
import type { FactsQuery } from '../model/crm-data.js';
import type { MailAddress, ParsedMessage } from '../model/parsed-message.js';

const localChar = /[\w.+'-]/;
const domainChar = /[\w.-]/;
const domainStart = /^[\w-]+(?:\.[\w-]+)+/;

/**
 * Anything shaped like an address in a body (`local@domain.tld`): forwarded and quoted headers write their people
 * this way. Scanned from each `@` outwards rather than with one global regex: `/[\w.+'-]+@…/g` retries its
 * greedy local part from every position of a long run of word characters without an `@`, which is quadratic — a
 * 3 MB one-line body took minutes (hostile corpus `text-one-line-3mb`). Each character is now visited a bounded
 * number of times, because neither expansion crosses an `@`.
 */
function addressesInBody(body: string): string[] {
  const found: string[] = [];
  for (let at = body.indexOf('@'); at !== -1; at = body.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && localChar.test(body[start - 1] ?? '')) {
      start -= 1;
    }
    let end = at + 1;
    while (end < body.length && domainChar.test(body[end] ?? '')) {
      end += 1;
    }
    const domain = start < at ? domainStart.exec(body.slice(at + 1, end))?.[0] : undefined;
    if (domain !== undefined) {
      found.push(`${body.slice(start, at)}@${domain}`);
    }
  }
  return found;
}

/**
 * Which contacts one message can touch, so that a remote backend's read-through cache fetches just those before
 * `decide()` (docs/rules.md#words "Facts"). Generous on purpose: an address fetched for nothing costs a lookup, one missed
 * would make `decide()` create a contact that exists. Bodies are scanned for addresses rather than parsed for
 * forwarded blocks, which `decide()` does once anyway; the one thing a scan cannot find, a forwarded sender shown
 * by name only (F6), is asked for by `namesToRetry` after a first decision. Identity keys come from the decision
 * itself (the pipeline decides, looks its keys up, and decides again only if one is already logged).
 */
export function neededFacts(message: ParsedMessage): FactsQuery {
  const people: MailAddress[] = [];
  const bodies: string[] = [];
  const visit = (m: ParsedMessage): void => {
    people.push(...m.from, ...m.to, ...m.cc, ...m.bcc, ...m.replyTo);
    bodies.push(m.text ?? '', m.html ?? '');
    m.attachedMessages.forEach(visit);
  };
  visit(message);
  const found = bodies.flatMap(addressesInBody);
  const addresses = [...people.map((p) => p.address), ...found]
    .map((a) => normalizeAddress(a))
    .filter((a): a is string => a !== null);
  return { addresses: [...new Set(addresses)], names: [], identityKeys: [] };
}

/** F6: the display name to look contacts up by, when a decision could not find a forwarded sender's address. */
export function namesToRetry(decision: Decision): ReadonlyArray<string> {
  const name = decision.email?.fromName.trim() ?? '';
  return decision.reasons.includes('forward-sender-unknown') && name !== '' ? [name] : [];
}
