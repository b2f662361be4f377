import { normalizeDomain } from '#shared/address/normalize-address.js';
import type { ContactToLink } from '#shared/model/decision.js';
import { buildContactInput } from './build-email-input.js';
import { batchLimit, chunk, type HubSpotApi } from './hubspot-api.js';
import { classifyFailure } from './hubspot-failure.js';
import type { RemoteIds } from './remote-ids.js';

export type ContactIdsDeps = {
  readonly api: Pick<HubSpotApi, 'readObjects' | 'createObjects'>;
  readonly ids: Pick<RemoteIds, 'contactByEmail'>;
  readonly now: () => Date;
  readonly onWarning: (message: string) => void;
};

/** One look-up: the ids found or created so far, and the addresses HubSpot refused to create. */
type Found = { readonly ids: Map<string, string>; readonly refused: Set<string> };

/** Records a contact HubSpot answered with, here and in the backend's id map. */
function remember(
  deps: ContactIdsDeps,
  found: Found,
  contact: { id: string; properties: Readonly<Record<string, string | null>> },
): void {
  const email = (contact.properties.email ?? '').toLowerCase();
  found.ids.set(email, contact.id);
  deps.ids.contactByEmail.set(email, contact.id);
}

/**
 * Creates `part`; a batch HubSpot rejects is tried contact by contact, and a single contact it refuses (an
 * address it deems invalid) is left out with a warning: the email is logged without it. A 409 (exists) is thrown.
 */
async function createContacts(
  deps: ContactIdsDeps,
  found: Found,
  part: ReadonlyArray<ContactToLink>,
  companies: ReadonlyMap<string, string>,
): Promise<void> {
  const inputs = part.map((c) => {
    const domain = c.company === null ? null : normalizeDomain(c.company);
    return buildContactInput(c, domain === null ? null : (companies.get(domain) ?? null));
  });
  try {
    (await deps.api.createObjects('contacts', inputs)).forEach((c) => remember(deps, found, c));
  } catch (e) {
    const failure = classifyFailure(e, deps.now());
    if (failure.kind !== 'rejected') {
      throw failure;
    }
    if (part.length > 1) {
      for (const one of part) {
        await createContacts(deps, found, [one], companies);
      }
      return;
    }
    const email = part[0]?.email.toLowerCase() ?? '';
    found.refused.add(email);
    deps.onWarning(`contact ${email} not created, the email is logged without it: ${failure.message}`);
  }
}

/**
 * B4: the HubSpot ids of every contact the results associate, by lower-case address: read first (by `email`,
 * strongly consistent), created when HubSpot lacks them, linked to their primary company (B7). Contacts are unique
 * by email (docs/hubspot.md#contacts): a 409 means one was created meanwhile, so they are read again and only what
 * is still missing is created, at most three rounds.
 */
export function createContactIds(
  deps: ContactIdsDeps,
): (
  contacts: ReadonlyArray<ContactToLink>,
  companies: ReadonlyMap<string, string>,
) => Promise<Map<string, string>> {
  const read = async (found: Found, emails: ReadonlyArray<string>): Promise<void> => {
    (await deps.api.readObjects('contacts', emails, ['email'], 'email')).forEach((c) =>
      remember(deps, found, c),
    );
  };
  return async (contacts, companies) => {
    const byEmail = new Map(contacts.map((c) => [c.email.toLowerCase(), c]));
    const found: Found = { ids: new Map(), refused: new Set() };
    await read(found, [...byEmail.keys()]);
    for (let round = 0; round < 3; round++) {
      const missing = [...byEmail.entries()]
        .filter(([email]) => !found.ids.has(email) && !found.refused.has(email))
        .map(([, c]) => c);
      if (missing.length === 0) {
        break;
      }
      try {
        for (const part of chunk(missing, batchLimit)) {
          await createContacts(deps, found, part, companies);
        }
      } catch (e) {
        if (classifyFailure(e, deps.now()).kind !== 'conflict') {
          throw e;
        }
        await read(
          found,
          missing.map((c) => c.email),
        );
      }
    }
    return found.ids;
  };
}
