import type { IdentityKeys } from '#shared/model/decision.js';

/**
 * R2 across users (docs/rules.md#c3, docs/hubspot.md#identity): an email's identity keys, one custom email property per
 * kind, so that a companion of another store finds the email by them before it writes the same one again. One
 * property holds one value per email, hence two: an email has up to two keys, and matching either is a match.
 */
export const messageIdProperty = 'crm_mail_logger_message_id';
export const contentKeyProperty = 'crm_mail_logger_content_key';

/** The identity properties, in the order they are looked up (the Message-ID is the stronger key). */
export const identityPropertyNames = [messageIdProperty, contentKeyProperty] as const;

/** The properties an email carries for its keys; a missing key is left out (nothing to match on). */
export function identityPropertiesOf(identity: IdentityKeys): Record<string, string> {
  const properties: Record<string, string> = {};
  if (identity.messageId !== null && identity.messageId !== '') {
    properties[messageIdProperty] = identity.messageId;
  }
  if (identity.contentKey !== null && identity.contentKey !== '') {
    properties[contentKeyProperty] = identity.contentKey;
  }
  return properties;
}

/** The key of `identity` that an email with these properties also holds, if any (Message-ID first). */
export function sharedIdentityKey(
  identity: IdentityKeys,
  properties: Readonly<Record<string, string | null>>,
): string | null {
  const own = identityPropertiesOf(identity);
  for (const name of identityPropertyNames) {
    const value = own[name];
    if (value !== undefined && properties[name] === value) {
      return value;
    }
  }
  return null;
}
