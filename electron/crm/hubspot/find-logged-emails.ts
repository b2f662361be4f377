import type { IdentityKeys } from '#shared/model/decision.js';
import { emailKeyProperty } from './email-key.js';
import type { KeyLookup } from './email-key-property.js';
import type { HubSpotApi, RemoteObject } from './hubspot-api.js';
import type { SearchCondition } from './search-pages.js';
import { identityPropertiesOf, identityPropertyNames, messageIdProperty } from './identity-properties.js';

/** One result to look for in HubSpot before it is written (C3, R2 across users). */
export type EmailLookup = {
  /** The store's own key (`emailKey`). */
  readonly key: string;
  readonly identity: IdentityKeys;
  /** An earlier push of this result may have written it: its own key is looked up too. */
  readonly mayExist: boolean;
};

/**
 * What HubSpot already holds for a result: `own` = the email an earlier push of this very result wrote;
 * `duplicate` = an email with one of its identity keys that another store wrote (docs/rules.md#c3), with what
 * `duplicateOf` names: that email's Message-ID when it has one, else the key they share.
 */
export type FoundEmail =
  | { readonly kind: 'own'; readonly id: string }
  | { readonly kind: 'duplicate'; readonly id: string; readonly duplicateOf: string };

/**
 * `consistent`: after HubSpot refused a create for a unique value, the holder is read by the unique property
 * (strongly consistent) rather than searched, so that an email written a moment ago is found.
 */
export type EmailFinder = (
  lookups: ReadonlyArray<EmailLookup>,
  options: { readonly consistent: boolean },
) => Promise<Map<string, FoundEmail>>;

/** What every look-up reads of an email: its keys, and when it was created (the first writer wins). */
export const readProperties = [emailKeyProperty, ...identityPropertyNames, 'hs_createdate'];

/** One search condition per identity property, with every lookup's key of that kind. */
export function identityConditions(lookups: ReadonlyArray<EmailLookup>): SearchCondition[] {
  return identityPropertyNames
    .map((property) => ({
      property,
      values: lookups.flatMap((l) => identityPropertiesOf(l.identity)[property] ?? []),
    }))
    .filter((c) => c.values.length > 0);
}

/** Oldest first (by `hs_createdate`, then id), so that the first writer is the one a duplicate names. */
export function oldestFirst(emails: ReadonlyArray<RemoteObject>): RemoteObject[] {
  const created = (e: RemoteObject): string => e.properties.hs_createdate ?? '';
  return [...emails].sort((a, b) =>
    created(a) === created(b) ? Number(a.id) - Number(b.id) : created(a) < created(b) ? -1 : 1,
  );
}

/** Which found email each lookup is: its own first, then the oldest holding its Message-ID, then its content key. */
export function matchFoundEmails(
  lookups: ReadonlyArray<EmailLookup>,
  found: ReadonlyArray<RemoteObject>,
): Map<string, FoundEmail> {
  const emails = oldestFirst(found);
  const matches = new Map<string, FoundEmail>();
  for (const lookup of lookups) {
    const own = emails.find((e) => e.properties[emailKeyProperty] === lookup.key);
    if (own !== undefined) {
      matches.set(lookup.key, { kind: 'own', id: own.id });
      continue;
    }
    const keys = identityPropertiesOf(lookup.identity);
    for (const name of identityPropertyNames) {
      const value = keys[name];
      const holder = value === undefined ? undefined : emails.find((e) => e.properties[name] === value);
      if (holder !== undefined && value !== undefined) {
        const messageId = holder.properties[messageIdProperty];
        matches.set(lookup.key, {
          kind: 'duplicate',
          id: holder.id,
          duplicateOf: messageId !== undefined && messageId !== null && messageId !== '' ? messageId : value,
        });
        break;
      }
    }
  }
  return matches;
}

/**
 * Looks the results up in HubSpot before anything is written: by the store's own key (strongly consistent
 * `batch/read` when the property is unique) and by R2's identity keys, searched with `IN` (docs/hubspot.md#idempotency).
 * With plain properties (HubSpot refused unique ones) everything goes in one search, one filter group per property.
 */
export function createEmailFinder(api: HubSpotApi, ensureKeyProperty: () => Promise<KeyLookup>): EmailFinder {
  return async (lookups, { consistent }) => {
    const lookup = await ensureKeyProperty();
    const own = lookups.filter((l) => l.mayExist).map((l) => l.key);
    const identity = identityConditions(lookups);
    const found: RemoteObject[] = [];
    if (lookup === 'search') {
      const conditions = [
        ...(own.length > 0 ? [{ property: emailKeyProperty, values: own }] : []),
        ...identity,
      ];
      found.push(...(conditions.length > 0 ? await api.searchEmails(conditions, readProperties) : []));
    } else {
      if (own.length > 0) {
        found.push(...(await api.readObjects('emails', own, readProperties, emailKeyProperty)));
      }
      if (consistent) {
        for (const c of identity) {
          found.push(...(await api.readObjects('emails', c.values, readProperties, c.property)));
        }
      } else if (identity.length > 0) {
        found.push(...(await api.searchEmails(identity, readProperties)));
      }
    }
    return matchFoundEmails(lookups, found);
  };
}
