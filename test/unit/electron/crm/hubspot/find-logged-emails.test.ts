import { describe, expect, it } from 'vitest';
import type { KeyLookup } from '../../../../../electron/crm/hubspot/email-key-property.js';
import {
  createEmailFinder,
  matchFoundEmails,
  type EmailLookup,
} from '../../../../../electron/crm/hubspot/find-logged-emails.js';
import type { HubSpotApi, RemoteObject } from '../../../../../electron/crm/hubspot/hubspot-api.js';

const lookup = (
  key: string,
  messageId: string | null,
  contentKey: string | null,
  mayExist = true,
): EmailLookup => ({
  key,
  identity: { messageId, contentKey },
  mayExist,
});

const email = (id: string, created: string, properties: Record<string, string>): RemoteObject => ({
  id,
  properties: { hs_createdate: created, ...properties },
});

describe('matchFoundEmails', () => {
  const found = [
    email('3', '2026-03-02T10:00:00Z', { crm_mail_logger_content_key: 'ck1:a' }),
    email('2', '2026-03-02T09:00:00Z', {
      crm_mail_logger_id: 'other:1',
      crm_mail_logger_message_id: '<x@acme>',
      crm_mail_logger_content_key: 'ck1:a',
    }),
    email('1', '2026-03-02T11:00:00Z', {
      crm_mail_logger_id: 'mine:1',
      crm_mail_logger_content_key: 'ck1:a',
    }),
  ];

  it("a result's own earlier write wins over another store's email with the same keys", () => {
    expect(matchFoundEmails([lookup('mine:1', null, 'ck1:a')], found).get('mine:1')).toEqual({
      kind: 'own',
      id: '1',
    });
  });

  it("R2: another store's email is a duplicate, the oldest holder named by its Message-ID", () => {
    expect(matchFoundEmails([lookup('mine:2', '<y@acme>', 'ck1:a')], found).get('mine:2')).toEqual({
      kind: 'duplicate',
      id: '2',
      duplicateOf: '<x@acme>',
    });
  });

  it('a Message-ID match comes before a content-key match; without a Message-ID the key shared is named', () => {
    const byMessageId = [
      email('5', '2026-03-03T00:00:00Z', { crm_mail_logger_message_id: '<y@acme>' }),
      ...found,
    ];
    expect(
      matchFoundEmails([lookup('mine:2', '<y@acme>', 'ck1:a')], byMessageId).get('mine:2'),
    ).toMatchObject({
      id: '5',
    });
    const onlyContent = [email('3', '2026-03-02T10:00:00Z', { crm_mail_logger_content_key: 'ck1:a' })];
    expect(matchFoundEmails([lookup('mine:2', null, 'ck1:a')], onlyContent).get('mine:2')).toEqual({
      kind: 'duplicate',
      id: '3',
      duplicateOf: 'ck1:a',
    });
  });

  it('no shared key, no match', () => {
    expect(matchFoundEmails([lookup('mine:3', '<z@acme>', 'ck1:b')], found).size).toBe(0);
  });
});

describe('createEmailFinder', () => {
  function finder(mode: KeyLookup) {
    const requests: string[] = [];
    const api = {
      readObjects: (_type, values, _properties, idProperty) => {
        requests.push(`read ${idProperty ?? ''} ${values.join(',')}`);
        return Promise.resolve([]);
      },
      searchEmails: (conditions) => {
        requests.push(`search ${conditions.map((c) => `${c.property}=${c.values.join(',')}`).join(' | ')}`);
        return Promise.resolve([]);
      },
    } as Pick<HubSpotApi, 'readObjects' | 'searchEmails'> as HubSpotApi;
    return { find: createEmailFinder(api, () => Promise.resolve(mode)), requests };
  }

  const lookups = [lookup('s:1', '<a@x>', 'ck1:a'), lookup('s:2', null, 'ck1:b', false)];

  it('unique keys: own keys read consistently, identity keys searched in one request before a create', async () => {
    const f = finder('unique');
    await f.find(lookups, { consistent: false });
    expect(f.requests).toEqual([
      'read crm_mail_logger_id s:1',
      'search crm_mail_logger_message_id=<a@x> | crm_mail_logger_content_key=ck1:a,ck1:b',
    ]);
  });

  it('unique keys, after a refused create: identity keys read by the unique properties (strongly consistent)', async () => {
    const f = finder('unique');
    await f.find(lookups, { consistent: true });
    expect(f.requests).toEqual([
      'read crm_mail_logger_id s:1',
      'read crm_mail_logger_message_id <a@x>',
      'read crm_mail_logger_content_key ck1:a,ck1:b',
    ]);
  });

  it('plain keys: everything in one search, one filter group per property', async () => {
    const f = finder('search');
    await f.find(lookups, { consistent: true });
    expect(f.requests).toEqual([
      'search crm_mail_logger_id=s:1 | crm_mail_logger_message_id=<a@x> | crm_mail_logger_content_key=ck1:a,ck1:b',
    ]);
  });
});
