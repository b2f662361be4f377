import { ok } from '#shared/util/result.js';
import { identityConditions, oldestFirst, readProperties, type EmailLookup } from './find-logged-emails.js';
import type { HubSpotApi } from './hubspot-api.js';
import { messageIdProperty, sharedIdentityKey } from './identity-properties.js';
import { lookupOf, type Pending, type PushOutcome } from './pending-results.js';

/** An email this push just created, for a result. */
export type CreatedEmail = { readonly pending: Pending; readonly id: string };

/** The emails the create wrote, by the outcomes it set (not those found, nor duplicates). */
export function createdByThisPush(
  items: ReadonlyArray<{ readonly pending: Pending }>,
  out: ReadonlyMap<number, PushOutcome>,
): CreatedEmail[] {
  return items.flatMap(({ pending }) => {
    const outcome = out.get(pending.index);
    return outcome?.ok === true &&
      outcome.value.remoteId !== undefined &&
      outcome.value.duplicateOf === undefined
      ? [{ pending, id: outcome.value.remoteId }]
      : [];
  });
}

/**
 * R2 across users when HubSpot refused unique key properties (docs/hubspot.md#identity): two companions may both
 * have searched, found nothing and created the same email. After the create, the keys are searched again; of the
 * emails holding a result's keys the oldest (by `hs_createdate`, then id) is the email, for every companion alike,
 * so a companion whose email is not the oldest archives its own and reports the result as a duplicate of the
 * oldest. Two companions never both archive theirs; search being eventually consistent, both may keep theirs
 * when they look within the index's delay, which this narrows but cannot close. An archive that fails is warned
 * about and the result stays synced to its own email.
 */
export function createRaceSettler(deps: {
  readonly api: Pick<HubSpotApi, 'searchEmails' | 'archiveObjects'>;
  readonly onWarning: (message: string) => void;
}): (created: ReadonlyArray<CreatedEmail>) => Promise<Map<number, PushOutcome>> {
  return async (created) => {
    const settled = new Map<number, PushOutcome>();
    const lookups: EmailLookup[] = created.map((c) => lookupOf(c.pending, false));
    const conditions = identityConditions(lookups);
    if (conditions.length === 0) {
      return settled;
    }
    const found = oldestFirst(await deps.api.searchEmails(conditions, readProperties));
    const lost: string[] = [];
    for (const { pending, id } of created) {
      const first = found.find(
        (e) => e.id === id || sharedIdentityKey(pending.identity, e.properties) !== null,
      );
      const shared = first === undefined ? null : sharedIdentityKey(pending.identity, first.properties);
      if (first !== undefined && first.id !== id && shared !== null) {
        const messageId = first.properties[messageIdProperty];
        const duplicateOf =
          messageId !== undefined && messageId !== null && messageId !== '' ? messageId : shared;
        settled.set(pending.index, ok({ sync: 'synced', remoteId: first.id, duplicateOf }));
        lost.push(id);
      }
    }
    if (lost.length > 0) {
      try {
        await deps.api.archiveObjects('emails', lost);
      } catch (e) {
        deps.onWarning(
          `emails ${lost.join(', ')} duplicate older ones but could not be archived: ${e instanceof Error ? e.message : String(e)}`,
        );
        return new Map();
      }
    }
    return settled;
  };
}
