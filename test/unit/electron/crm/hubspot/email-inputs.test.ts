import { describe, expect, it } from 'vitest';
import { createEmailInputs, hubSpotDeals } from '../../../../../electron/crm/hubspot/email-inputs.js';
import { HubSpotFailure } from '../../../../../electron/crm/hubspot/hubspot-failure.js';
import { pendingOf, storedResult } from './stored-results.js';

describe('hubSpotDeals', () => {
  it("keeps HubSpot's deal ids and warns about the others", () => {
    const warnings: string[] = [];
    expect(
      hubSpotDeals(storedResult(1, { result: { deals: ['123', 'D1'] } }), (m) => warnings.push(m)),
    ).toEqual(['123']);
    expect(warnings).toEqual(['result 1: deals not from HubSpot left unassociated: D1']);
  });
});

describe('createEmailInputs', () => {
  it('builds each input with its keys, owner and links; a result whose attachment HubSpot rejects is CRM.REJECTED', async () => {
    const inputs = createEmailInputs({
      attachmentIds: (stored) =>
        stored.id === 2
          ? Promise.reject(new HubSpotFailure('rejected', 'file too large', 400, undefined))
          : Promise.resolve(['f1']),
      owners: { ownerIdOf: (email) => Promise.resolve(email === 'ann@corp.example' ? '77' : null) },
      now: () => new Date('2026-03-03T00:00:00Z'),
      onWarning: () => undefined,
    });
    const { items, rejected } = await inputs(
      [pendingOf(1, 0), pendingOf(2, 1)],
      new Map([['bob@acme.example', '501']]),
      new Map(),
    );
    expect(items.map((i) => i.pending.index)).toEqual([0]);
    expect(items[0]?.input.properties).toMatchObject({
      crm_mail_logger_id: 'store:1',
      crm_mail_logger_message_id: '<m1@corp.example>',
      crm_mail_logger_content_key: 'ck1:1',
      hubspot_owner_id: '77',
      hs_attachment_ids: 'f1',
    });
    expect(items[0]?.input.associations.map((a) => a.to.id)).toEqual(['501']);
    expect(rejected.get(1)).toMatchObject({ ok: false, error: { code: 'CRM.REJECTED', retryable: false } });
  });
});
