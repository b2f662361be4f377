import { describe, expect, it } from 'vitest';
import { createEmailWriter, type Outcomes } from '../../../../../electron/crm/hubspot/create-emails.js';
import type { EmailFinder, FoundEmail } from '../../../../../electron/crm/hubspot/find-logged-emails.js';
import type { CreateInput } from '../../../../../electron/crm/hubspot/hubspot-api.js';
import { HubSpotFailure } from '../../../../../electron/crm/hubspot/hubspot-failure.js';
import { pendingOf } from './stored-results.js';

const item = (id: number) => ({
  pending: pendingOf(id),
  input: { properties: { crm_mail_logger_id: `store:${id}` }, associations: [] } as CreateInput,
});

/** HubSpot as the writer sees it: `create` decides each batch; `held` is what a consistent read finds. */
function writer(create: (keys: string[]) => string[] | HubSpotFailure, held = new Map<string, FoundEmail>()) {
  const batches: string[][] = [];
  const finds: Array<{ keys: string[]; consistent: boolean }> = [];
  const findEmails: EmailFinder = (lookups, { consistent }) => {
    finds.push({ keys: lookups.map((l) => l.key), consistent });
    return Promise.resolve(new Map([...held].filter(([k]) => lookups.some((l) => l.key === k))));
  };
  const write = createEmailWriter({
    api: {
      createObjects: (_, inputs) => {
        const keys = inputs.map((i) => i.properties.crm_mail_logger_id ?? '');
        batches.push(keys);
        const answer = create(keys);
        return answer instanceof HubSpotFailure
          ? Promise.reject(answer)
          : Promise.resolve(
              answer.map((k, n) => ({ id: `e${n}-${k}`, properties: { crm_mail_logger_id: k } })),
            );
      },
    },
    findEmails,
    now: () => new Date(0),
  });
  return { write, batches, finds };
}

const rejected = (message: string) => new HubSpotFailure('rejected', message, 400, undefined);

describe('createEmailWriter', () => {
  it('creates the batch in one call and matches each created email to its result by key', async () => {
    const w = writer((keys) => keys);
    const out: Outcomes = new Map();
    await w.write([item(1), item(2)], out);
    expect(w.batches).toEqual([['store:1', 'store:2']]);
    expect(out.get(2)).toEqual({ ok: true, value: { sync: 'synced', remoteId: 'e1-store:2' } });
  });

  it('reads back an email HubSpot did not answer for, and retries later one still not found', async () => {
    const w = writer(() => [], new Map([['store:1', { kind: 'own', id: '77' }]]));
    const out: Outcomes = new Map();
    await w.write([item(1), item(2)], out);
    expect(w.finds).toEqual([{ keys: ['store:1', 'store:2'], consistent: true }]);
    expect(out.get(1)).toEqual({ ok: true, value: { sync: 'synced', remoteId: '77' } });
    expect(out.get(2)).toMatchObject({ ok: false, error: { code: 'CRM.UNAVAILABLE', retryable: true } });
  });

  it('splits a rejected batch so that only the bad input is CRM.REJECTED', async () => {
    const w = writer((keys) => (keys.includes('store:2') ? rejected('bad deal') : keys));
    const out: Outcomes = new Map();
    await w.write([item(1), item(2), item(3)], out);
    expect(w.batches).toEqual([['store:1', 'store:2', 'store:3'], ['store:1'], ['store:2'], ['store:3']]);
    expect(out.get(1)?.ok).toBe(true);
    expect(out.get(2)).toMatchObject({ ok: false, error: { code: 'CRM.REJECTED', retryable: false } });
    expect(out.get(3)?.ok).toBe(true);
  });

  it('R2 race: a batch refused for a unique key another store holds reports that one as a duplicate and sends the rest as one batch', async () => {
    const held = new Map<string, FoundEmail>([
      ['store:2', { kind: 'duplicate', id: '9', duplicateOf: '<m2@x>' }],
    ]);
    const w = writer((keys) => (keys.includes('store:2') ? rejected('INVALID_UNIQUE_VALUE') : keys), held);
    const out: Outcomes = new Map();
    await w.write([item(1), item(2), item(3)], out);
    expect(w.batches).toEqual([
      ['store:1', 'store:2', 'store:3'],
      ['store:1', 'store:3'],
    ]);
    expect(out.get(2)).toEqual({ ok: true, value: { sync: 'synced', remoteId: '9', duplicateOf: '<m2@x>' } });
    expect(out.get(3)?.ok).toBe(true);
  });

  it('throws what is not about the input, keeping the outcomes already set', async () => {
    const w = writer(() => new HubSpotFailure('unavailable', 'down', 503, undefined));
    const out: Outcomes = new Map([[9, { ok: true, value: { sync: 'synced' } }]]);
    await expect(w.write([item(1)], out)).rejects.toThrow('down');
    expect([...out.keys()]).toEqual([9]);
  });
});
