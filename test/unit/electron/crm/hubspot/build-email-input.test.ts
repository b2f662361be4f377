import { describe, expect, it } from 'vitest';
import { buildContactInput, buildEmailInput } from '../../../../../electron/crm/hubspot/build-email-input.js';
import { buildContact, buildEmail } from '../helpers/build-decision.js';

const parts = {
  key: 'store-1:42',
  identity: { messageId: '<m1@corp.example>', contentKey: 'ck1:abc' },
  fallbackTimestamp: '2026-03-03T00:00:00.000Z',
  ownerId: '77',
  attachmentIds: ['555', '556'],
  contactIds: ['101', '101'],
  companyIds: ['202'],
  dealIds: ['303'],
};

describe('buildEmailInput', () => {
  it('B3: writes an outgoing email as docs/hubspot.md documents, associations inline', () => {
    const email = buildEmail({ to: ['bob@acme.example'], cc: ['taro@globex.example'] });
    const contacts = [
      buildContact(),
      buildContact({ email: 'taro@globex.example', name: '山田 太郎', role: 'cc' }),
    ];
    expect(buildEmailInput(email, contacts, parts)).toEqual({
      properties: {
        crm_mail_logger_id: 'store-1:42',
        crm_mail_logger_message_id: '<m1@corp.example>',
        crm_mail_logger_content_key: 'ck1:abc',
        hs_timestamp: '2026-03-02T09:15:00.000Z',
        hs_email_direction: 'EMAIL',
        hs_email_status: 'SENT',
        hs_email_subject: 'Renewal terms',
        hs_email_text: 'Hello Bob',
        hs_email_html: '<p>Hello Bob</p>',
        hs_email_headers: JSON.stringify({
          from: { email: 'ann@corp.example', firstName: 'Ann', lastName: 'Smith' },
          to: [{ email: 'bob@acme.example', firstName: 'Bob' }],
          cc: [{ email: 'taro@globex.example', firstName: '太郎', lastName: '山田' }],
          bcc: [],
        }),
        hubspot_owner_id: '77',
        hs_attachment_ids: '555;556',
      },
      associations: [
        { to: { id: '101' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 198 }] },
        { to: { id: '202' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 186 }] },
        { to: { id: '303' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 210 }] },
      ],
    });
  });

  it('F5: an incoming email without date, HTML, owner or attachments', () => {
    const email = buildEmail({ direction: 'incoming', date: null, html: null, text: null });
    const input = buildEmailInput(email, [], {
      ...parts,
      ownerId: null,
      attachmentIds: [],
      contactIds: [],
      companyIds: [],
      dealIds: [],
    });
    expect(input.properties).toMatchObject({
      hs_email_direction: 'INCOMING_EMAIL',
      hs_timestamp: '2026-03-03T00:00:00.000Z',
      hs_email_text: '',
    });
    expect(Object.keys(input.properties)).not.toContain('hs_email_html');
    expect(Object.keys(input.properties)).not.toContain('hubspot_owner_id');
    expect(Object.keys(input.properties)).not.toContain('hs_attachment_ids');
    expect(input.associations).toEqual([]);
  });
});

describe('buildContactInput', () => {
  it('B4/B7: names a created contact family-name-first and links its primary company (type 1)', () => {
    expect(
      buildContactInput(buildContact({ email: 'taro@globex.example', name: '山田 太郎' }), '202'),
    ).toEqual({
      properties: { email: 'taro@globex.example', firstname: '太郎', lastname: '山田' },
      associations: [
        { to: { id: '202' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] },
      ],
    });
    expect(buildContactInput(buildContact({ name: '' }), null)).toEqual({
      properties: { email: 'bob@acme.example' },
      associations: [],
    });
  });
});
