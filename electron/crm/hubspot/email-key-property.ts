import { emailKeyProperty } from './email-key.js';
import { contentKeyProperty, messageIdProperty } from './identity-properties.js';
import type { HubSpotApi } from './hubspot-api.js';
import { HubSpotFailure } from './hubspot-failure.js';

/**
 * How the backend finds an email by its key: `unique` = `batch/read` by the unique property (strongly consistent;
 * HubSpot also refuses a second email with the same key); `search` = the property is a plain one, found by search.
 * `unique` only when every key property below is unique.
 */
export type KeyLookup = 'unique' | 'search';

/** The key properties: the store's own key (C3) and R2's identity keys (docs/hubspot.md#key-property). */
type KeyProperty = { readonly name: string; readonly label: string; readonly description: string };

const keyProperties: ReadonlyArray<KeyProperty> = [
  {
    name: emailKeyProperty,
    label: 'crm-mail-logger id',
    description:
      'Written by crm-mail-logger: the log result it came from, so that it is never written twice.',
  },
  {
    name: messageIdProperty,
    label: 'crm-mail-logger Message-ID',
    description:
      'Written by crm-mail-logger: the Message-ID of the logged email, so that no other user logs it again.',
  },
  {
    name: contentKeyProperty,
    label: 'crm-mail-logger content key',
    description:
      'Written by crm-mail-logger: a hash of sender, minute, subject and direction, so that no other user logs it again.',
  },
];

/**
 * Creates the key properties (`crm_mail_logger_id` and the two identity properties) once (docs/hubspot.md), unique when HubSpot allows it. Notes §9.1:
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

  async function create(property: KeyProperty, groupName: string, unique: boolean): Promise<void> {
    try {
      await api.createEmailProperty({ ...property, groupName, hasUniqueValue: unique });
    } catch (e) {
      // 409: another companion created it first, which is as good.
      if (!(e instanceof HubSpotFailure && e.kind === 'conflict')) {
        throw e;
      }
    }
  }

  async function groupName(): Promise<string> {
    const groups = await api.emailPropertyGroups();
    const name = groups.includes('emailinformation') ? 'emailinformation' : groups[0];
    if (name === undefined) {
      throw new HubSpotFailure(
        'rejected',
        'HubSpot has no email property group to hold the key property',
        null,
        undefined,
      );
    }
    return name;
  }

  /** One property: created unique if missing (plain when HubSpot refuses); whether it is unique. */
  async function ensureOne(property: KeyProperty, group: () => Promise<string>): Promise<boolean> {
    const { name } = property;
    const existing = await api.readEmailProperty(name);
    if (existing !== null) {
      return existing.unique;
    }
    const inGroup = await group();
    try {
      await create(property, inGroup, true);
    } catch (e) {
      if (!(e instanceof HubSpotFailure && e.kind === 'rejected')) {
        throw e;
      }
      onWarning(`HubSpot refused a unique ${name}; keys are found by search instead: ${e.message}`);
      await create(property, inGroup, false);
    }
    return (await api.readEmailProperty(name))?.unique === true;
  }

  async function ensure(): Promise<KeyLookup> {
    let group: Promise<string> | null = null;
    const once = (): Promise<string> => (group ??= groupName());
    let unique = true;
    for (const property of keyProperties) {
      unique = (await ensureOne(property, once)) && unique;
    }
    return unique ? 'unique' : 'search';
  }

  return () => {
    ready ??= ensure().catch((e: unknown) => {
      ready = null;
      throw e;
    });
    return ready;
  };
}
