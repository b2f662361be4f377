import { normalizeAddress } from '../address/normalize-address.js';
import { extractForwardedBlock } from '../forward/extract-forwarded-block.js';
import type { FactsQuery } from '../model/crm-data.js';
import type { MailAddress, ParsedMessage } from '../model/parsed-message.js';

/**
 * Which contacts and names one message can touch, so that a remote backend's read-through cache fetches just
 * those before `decide()` (SPEC §0 "Facts"). Generous on purpose: an address fetched for nothing costs a
 * lookup, one missed would make `decide()` create a contact that exists. Identity keys come from the decision
 * itself (the pipeline decides, looks its keys up, and decides again only if one is already logged).
 */
export function neededFacts(message: ParsedMessage): FactsQuery {
  const people: MailAddress[] = [];
  const names: string[] = [];
  const visit = (m: ParsedMessage): void => {
    people.push(...m.from, ...m.to, ...m.cc, ...m.bcc, ...m.replyTo);
    const block = extractForwardedBlock({
      text: m.text,
      html: m.html,
      subject: m.subject,
      dateOffsetMinutes: m.dateOffsetMinutes,
    });
    if (block !== null) {
      people.push(...block.to, ...block.cc);
      if (block.from.address !== null) {
        people.push({ name: block.from.name, address: block.from.address });
      } else if (block.from.name.trim() !== '') {
        names.push(block.from.name.trim());
      }
    }
    m.attachedMessages.forEach(visit);
  };
  visit(message);
  const quoted = [...(message.text ?? '').matchAll(/[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => m[0]);
  const addresses = [...people.map((p) => p.address), ...quoted]
    .map((a) => normalizeAddress(a))
    .filter((a): a is string => a !== null);
  return { addresses: [...new Set(addresses)], names: [...new Set(names)], identityKeys: [] };
}
