import { describe, expect, it } from 'vitest';
import {
  identityPropertiesOf,
  sharedIdentityKey,
} from '../../../../../electron/crm/hubspot/identity-properties.js';
import { identityOf } from '#shared/rules/assemble-decision.js';
import { buildEmail } from '../helpers/build-decision.js';

describe('identity properties', () => {
  it("R2: two users' forwards of one mail (own Message-IDs) share the content key; an undated one has none", () => {
    const ann = identityOf(buildEmail({ messageId: '<fwd-ann@corp>', subject: 'Pricing' }));
    const tom = identityOf(buildEmail({ messageId: '<fwd-tom@corp>', subject: 'Fw: Pricing' }));
    expect(ann.contentKey).toMatch(/^ck1:[0-9a-f]{64}$/);
    expect(tom.contentKey).toBe(ann.contentKey);
    expect(ann.messageId).not.toBe(tom.messageId);
    expect(identityOf(buildEmail({ date: null })).contentKey).toBeNull();
  });

  it('writes a property per key it has, none for a missing key', () => {
    expect(identityPropertiesOf({ messageId: '<a@x>', contentKey: 'ck1:a' })).toEqual({
      crm_mail_logger_message_id: '<a@x>',
      crm_mail_logger_content_key: 'ck1:a',
    });
    expect(identityPropertiesOf({ messageId: null, contentKey: null })).toEqual({});
  });

  it('names the key an email shares, the Message-ID first', () => {
    const identity = { messageId: '<a@x>', contentKey: 'ck1:a' };
    expect(
      sharedIdentityKey(identity, {
        crm_mail_logger_content_key: 'ck1:a',
        crm_mail_logger_message_id: '<a@x>',
      }),
    ).toBe('<a@x>');
    expect(sharedIdentityKey(identity, { crm_mail_logger_content_key: 'ck1:a' })).toBe('ck1:a');
    expect(sharedIdentityKey(identity, { crm_mail_logger_content_key: 'ck1:b' })).toBeNull();
  });
});
