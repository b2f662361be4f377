import { describe, expect, it, vi } from 'vitest';
import type { CrmBackend } from '../../../../electron/crm/crm-backend.port.js';
import { createFactsDecider } from '../../../../electron/core/decide-with-facts.js';
import { createLocalCrmBackend } from '../../../../electron/crm/local/create-local-crm-backend.js';
import type { Envelope } from '#shared/model/parsed-message.js';
import { deliveredTo, makeFacts, makeMessage, mailbox } from '../../shared/rules/builders.js';

const envelope: Envelope = { deliveryHeaders: deliveredTo('log+bcc@corp.example') } as unknown as Envelope;
const bccMessage = makeMessage({ bcc: [mailbox('log+bcc@corp.example')] });

function remote(fetchFacts: CrmBackend['fetchFacts']): CrmBackend {
  return { kind: 'hubspot', fetchFacts, pushResult: vi.fn() } as unknown as CrmBackend;
}

describe('createFactsDecider', () => {
  it('decides on the local store when there is no backend', async () => {
    const store = { fetchFacts: vi.fn(() => makeFacts()) };
    const decision = await createFactsDecider(store, undefined)(bccMessage, envelope, null);
    expect(decision.route).toBe('bcc');
    expect(store.fetchFacts).toHaveBeenCalled();
  });

  it('B2: asks a remote backend nothing when the local facts refuse the sender', async () => {
    const store = { fetchFacts: vi.fn(() => makeFacts()) };
    const fetchFacts = vi.fn(async () => makeFacts());
    const stranger = makeMessage({
      from: [mailbox('mallory@evil.example')],
      bcc: [mailbox('log+bcc@corp.example')],
    });

    const decision = await createFactsDecider(store, remote(fetchFacts))(stranger, envelope, null);

    expect(decision.status).toBe('rejected');
    expect(fetchFacts).not.toHaveBeenCalled();
  });

  it('names a failing backend CRM.UNAVAILABLE and a failing store STORE.UNAVAILABLE', async () => {
    const store = { fetchFacts: vi.fn(() => makeFacts()) };
    const down = remote(async () => {
      throw new Error('503');
    });
    await expect(createFactsDecider(store, down)(bccMessage, envelope, 'abc')).rejects.toMatchObject({
      name: 'PipelineError',
      code: 'CRM.UNAVAILABLE',
      rawSha256: 'abc',
    });
    const locked = {
      fetchFacts: vi.fn(() => {
        throw new Error('database is locked');
      }),
    };
    await expect(createFactsDecider(locked, undefined)(bccMessage, envelope, null)).rejects.toMatchObject({
      code: 'STORE.UNAVAILABLE',
    });
    // The same SQLite failure through the local CrmBackend (as the companion passes it) has the same name.
    await expect(
      createFactsDecider(locked, createLocalCrmBackend(locked))(bccMessage, envelope, null),
    ).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
  });
});
