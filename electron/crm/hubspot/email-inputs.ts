import { normalizeDomain } from '#shared/address/normalize-address.js';
import { err } from '#shared/util/result.js';
import type { StoredResult } from '../crm-backend.port.js';
import { buildEmailInput } from './build-email-input.js';
import type { EmailToCreate } from './create-emails.js';
import { classifyFailure, toPushFailure } from './hubspot-failure.js';
import type { OwnerDirectory } from './owner-directory.js';
import type { Pending, PushOutcome } from './pending-results.js';

export type EmailInputsDeps = {
  readonly attachmentIds: (stored: StoredResult) => Promise<string[]>;
  readonly owners: OwnerDirectory;
  readonly now: () => Date;
  readonly onWarning: (message: string) => void;
};

/** The deals that can be associated: HubSpot's own ids; any other (a local deal id) is left out with a warning. */
export function hubSpotDeals(stored: StoredResult, onWarning: (message: string) => void): string[] {
  const deals = stored.result.deals.filter((d) => /^\d+$/.test(d));
  if (deals.length < stored.result.deals.length) {
    const others = stored.result.deals.filter((d) => !/^\d+$/.test(d));
    onWarning(`result ${stored.id}: deals not from HubSpot left unassociated: ${others.join(', ')}`);
  }
  return deals;
}

/**
 * The `batch/create` inputs of the results to write (B3, F5, B4, B7, B8): owner, attachments and every
 * association inline. A result whose attachment HubSpot rejects is `CRM.REJECTED` and not written.
 */
export function createEmailInputs(
  deps: EmailInputsDeps,
): (
  todo: ReadonlyArray<Pending>,
  contactIds: ReadonlyMap<string, string>,
  companyIds: ReadonlyMap<string, string>,
) => Promise<{ readonly items: EmailToCreate[]; readonly rejected: Map<number, PushOutcome> }> {
  return async (todo, contactIds, companyIds) => {
    const items: EmailToCreate[] = [];
    const rejected = new Map<number, PushOutcome>();
    for (const p of todo) {
      const { logged, result } = p.stored;
      if (logged === null) {
        continue;
      }
      let files: string[];
      try {
        files = await deps.attachmentIds(p.stored);
      } catch (e) {
        const failure = classifyFailure(e, deps.now());
        if (failure.kind !== 'rejected') {
          throw failure;
        }
        rejected.set(p.index, err(toPushFailure(failure)));
        continue;
      }
      const input = buildEmailInput(logged.email, logged.contacts, {
        key: p.key,
        identity: p.identity,
        fallbackTimestamp: deps.now().toISOString(),
        ownerId: result.owner === null ? null : await deps.owners.ownerIdOf(result.owner),
        attachmentIds: files,
        contactIds: logged.contacts.flatMap((c) => contactIds.get(c.email.toLowerCase()) ?? []),
        companyIds: result.companies.flatMap((d) => companyIds.get(normalizeDomain(d) ?? '') ?? []),
        dealIds: hubSpotDeals(p.stored, deps.onWarning),
      });
      items.push({ pending: p, input });
    }
    return { items, rejected };
  };
}
