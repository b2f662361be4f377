import { emailKeyProperty } from './email-key.js';
import type { HubSpotApi } from './hubspot-api.js';
import { HubSpotFailure } from './hubspot-failure.js';

/**
 * How the backend finds an email by its key: `unique` = `batch/read` by the unique property (strongly consistent;
 * HubSpot also refuses a second email with the same key); `search` = the property is a plain one, found by search.
 */
export type KeyLookup = 'unique' | 'search';

/**
 * Creates the `crm_mail_logger_id` email property once (docs/hubspot.md), unique when HubSpot allows it. Notes §9.1:
 * whether `hasUniqueValue` is allowed on emails is unconfirmed; when HubSpot refuses it, the property is created
 * plain and keys are looked up by search, which is eventually consistent: a retry within seconds of a lost answer
 * could then write twice (the outbox waits before retrying, which narrows but does not close that window).
 * Memoised; a failure is forgotten, so the next push asks again.
 */
export function createKeyPropertyGuard(
  api: HubSpotApi,
  onWarning: (message: string) => void,
): () => Promise<KeyLookup> {
  let ready: Promise<KeyLookup> | null = null;

  async function create(groupName: string, unique: boolean): Promise<void> {
    try {
      await api.createEmailProperty({
        name: emailKeyProperty,
        label: 'crm-mail-logger id',
        description:
          'Written by crm-mail-logger: the log result it came from, so that it is never written twice.',
        groupName,
        hasUniqueValue: unique,
      });
    } catch (e) {
      // 409: another companion created it first, which is as good.
      if (!(e instanceof HubSpotFailure && e.kind === 'conflict')) {
        throw e;
      }
    }
  }

  async function ensure(): Promise<KeyLookup> {
    const existing = await api.readEmailProperty(emailKeyProperty);
    if (existing !== null) {
      return existing.unique ? 'unique' : 'search';
    }
    const groups = await api.emailPropertyGroups();
    const groupName = groups.includes('emailinformation') ? 'emailinformation' : groups[0];
    if (groupName === undefined) {
      throw new HubSpotFailure(
        'rejected',
        'HubSpot has no email property group to hold the key property',
        null,
        undefined,
      );
    }
    try {
      await create(groupName, true);
    } catch (e) {
      if (!(e instanceof HubSpotFailure && e.kind === 'rejected')) {
        throw e;
      }
      onWarning(
        `HubSpot refused a unique ${emailKeyProperty}; keys are found by search instead: ${e.message}`,
      );
      await create(groupName, false);
    }
    return (await api.readEmailProperty(emailKeyProperty))?.unique === true ? 'unique' : 'search';
  }

  return () => {
    ready ??= ensure().catch((e: unknown) => {
      ready = null;
      throw e;
    });
    return ready;
  };
}
